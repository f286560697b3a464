import { Cron } from 'croner';
import { FieldSpec, NodeType, nodeTypeSpec } from './catalog';
import { malformedPlaceholders } from './placeholders';

/** One problem with a node's config, naming the field. */
export interface ConfigProblem {
  field: string;
  message: string;
}

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && !value.trim()) ||
  (Array.isArray(value) && !value.length);

/** Shape checks per field kind; meaning (does the account exist?) is the backend's to check. */
function kindProblem(field: FieldSpec, value: unknown): string | null {
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' ? null : 'must be text';
    case 'template':
      return typeof value === 'string' ? templateProblem(value) : 'must be text';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'select':
      return field.options?.some((o) => o.value === value)
        ? null
        : `must be one of ${field.options?.map((o) => o.value).join(', ')}`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => field.options?.some((o) => o.value === v))
        ? null
        : `must be a list of ${field.options?.map((o) => o.value).join(', ')}`;
    case 'accounts':
    case 'labels':
    case 'roles':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim())
        ? null
        : 'must be a list of names or ids';
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value) ? null : 'must be an http(s) URL';
    case 'cron':
      return cronProblem(value);
    case 'rules':
      return rulesProblem(value);
    case 'cases':
      return casesProblem(value);
  }
}

/** Placeholders written as `{{field}}` or `{{field | "default"}}`; a stray `{{…}}` would reach the post as typed. */
function templateProblem(text: string): string | null {
  const bad = malformedPlaceholders(text)[0];
  return bad ? `has ${bad}, which is not {{field}} or {{field | "default"}}` : null;
}

/** Five fields, and one croner (which runs the schedule trigger) accepts: publish refuses what could never fire. */
function cronProblem(value: unknown): string | null {
  const fiveFields = 'must be a cron expression with five fields (minute hour day month weekday)';
  if (typeof value !== 'string' || value.trim().split(/\s+/).length !== 5) return fiveFields;
  try {
    new Cron(value, { paused: true });
    return null;
  } catch (error) {
    return `${fiveFields}: ${(error as Error).message}`;
  }
}

function rulesProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object') return 'must be an object with all, any or not';
  const keys = Object.keys(value);
  if (keys.length !== 1 || !['all', 'any', 'not'].includes(keys[0])) return 'must have exactly one of all, any or not';
  const inner = (value as Record<string, unknown>)[keys[0]];
  const items = keys[0] === 'not' ? [inner] : inner;
  if (!Array.isArray(items) || !items.length) return `${keys[0]} must list at least one rule`;
  for (const item of items) {
    if (!item || typeof item !== 'object') return 'every rule must be an object';
    const rule = item as Record<string, unknown>;
    if ('all' in rule || 'any' in rule || 'not' in rule) {
      const nested = rulesProblem(rule);
      if (nested) return nested;
    } else if (typeof rule.fact !== 'string' || typeof rule.operator !== 'string' || !('value' in rule)) {
      return 'every rule needs fact, operator and value';
    }
  }
  return null;
}

function casesProblem(value: unknown): string | null {
  if (!Array.isArray(value) || !value.length) return 'must list at least one case';
  const ports = new Set<string>();
  for (const item of value) {
    const port = (item as { port?: unknown })?.port;
    if (typeof port !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(port)) {
      return 'every case needs a port name of lowercase letters, digits and -';
    }
    if (port === 'otherwise' || ports.has(port)) return `port ${port} is used twice`;
    if (port === 'error') return 'port error is kept for steps that continue on error';
    ports.add(port);
    if (typeof (item as { equals?: unknown }).equals !== 'string') return `case ${port} needs a value to equal`;
  }
  return null;
}

/** Values with the fields' defaults filled in, for fields left out. */
export function fillDefaults(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...values };
  for (const field of fields) {
    if (filled[field.key] === undefined && field.default !== undefined) filled[field.key] = field.default;
  }
  return filled;
}

/** Config with the catalog's defaults filled in, for fields the author left out. */
export const withDefaults = (type: NodeType, config: Record<string, unknown>) =>
  fillDefaults(nodeTypeSpec(type)?.config ?? [], config);

/** Every problem of a node's config against its catalog entry (an unknown type is the caller's to report). */
export function validateConfig(type: NodeType, config: Record<string, unknown>): ConfigProblem[] {
  const spec = nodeTypeSpec(type);
  if (!spec) return [{ field: 'type', message: `unknown node type ${type}` }];
  return validateFields(spec.config, config, `a setting of ${type}`);
}

/** Values against field specs (node config, template inputs): unknown keys, required, shape. */
export function validateFields(
  fields: FieldSpec[],
  values: Record<string, unknown>,
  what = 'a known field',
): ConfigProblem[] {
  const filled = fillDefaults(fields, values);
  const problems: ConfigProblem[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ field: key, message: `is not ${what}` });
  }
  for (const field of fields) {
    const value = filled[field.key];
    const required =
      field.required || (field.requiredWhen && filled[field.requiredWhen.key] === field.requiredWhen.equals);
    if (isBlank(value)) {
      if (required) problems.push({ field: field.key, message: `${field.label} is required` });
      continue;
    }
    const problem = kindProblem(field, value);
    if (problem) problems.push({ field: field.key, message: `${field.label} ${problem}` });
  }
  return problems;
}
