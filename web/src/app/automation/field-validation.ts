import type { FieldSpec } from './automation.types';

/** Whether a field must be filled in, given the other values (with defaults) for `requiredWhen`. */
export function isRequired(field: FieldSpec, values: Record<string, unknown>): boolean {
  if (field.required) return true;
  const when = field.requiredWhen;
  return !!when && values[when.key] === when.equals;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every((v) => Array.isArray(v) && v.length === 0);
  return false;
}

/**
 * The problems the browser can see before the server does: missing required values, numbers out of
 * range, addresses that are not http(s) URLs. Keyed by field key; the server stays the judge.
 */
export function fieldProblems(fields: FieldSpec[], values: Record<string, unknown>): Record<string, string> {
  const withDefaults: Record<string, unknown> = { ...values };
  for (const f of fields)
    if (withDefaults[f.key] === undefined && f.default !== undefined) withDefaults[f.key] = f.default;
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = withDefaults[field.key];
    if (isEmpty(value)) {
      if (isRequired(field, withDefaults)) problems[field.key] = 'Required';
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

function valueProblem(field: FieldSpec, value: unknown): string | null {
  switch (field.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Must be a number';
      if (field.min !== undefined && value < field.min) return `Must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `Must be at most ${field.max}`;
      return null;
    }
    case 'url':
      return isHttpUrl(String(value)) ? null : 'Must be an http(s) address, e.g. https://example.com/feed';
    case 'rules':
      return rulesProblem(value);
    case 'cases':
      return casesProblem(value);
    default:
      return null;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function rulesProblem(value: unknown): string | null {
  const rules = Object.values(value as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v : []));
  const incomplete = rules.some((r: { fact?: unknown; operator?: unknown }) => !r.fact || !r.operator);
  return incomplete ? 'Every rule needs a field and an operator' : null;
}

function casesProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'Add at least one case';
  const ports = value.map((c: { port?: unknown }) => (typeof c.port === 'string' ? c.port.trim() : ''));
  if (ports.some((p) => !p)) return 'Every case needs a port name';
  if (new Set(ports).size !== ports.length) return 'Port names must differ';
  return null;
}
