/**
 * What a step does when it fails, and what an automation does when one of its runs fails: part
 * of the public graph contract (`GraphNode.onError`, `Graph.errorHandler`). The backend validates
 * both, the compiler hands a node's policy to the runtime host, which applies it (a retry is the
 * same message delivered to the node again, so each attempt is a step of the run).
 */

export const ERROR_MODES = ['stop', 'continue', 'retry'] as const;
export type ErrorMode = (typeof ERROR_MODES)[number];

/** The output port a step with `continue` gains: the failing item goes out of it with `error`. */
export const ERROR_PORT = 'error';

/**
 * A step's error policy. `stop` (the default) fails the run; `continue` sends the item out of
 * the step's `error` port with `error: {message, step}` added; `retry` tries again `retries`
 * times, waiting `delaySeconds` before the first retry and twice as long before each next one
 * (at most `MAX_RETRY_WAIT_SECONDS`), and fails the run when the last attempt fails.
 */
export interface NodeErrorPolicy {
  mode: ErrorMode;
  retries?: number;
  delaySeconds?: number;
}

/** Bounds of a retry: a run waits in the runtime's memory between attempts, so both are small. */
export const RETRY_BOUNDS = {
  retries: { min: 1, max: 5, default: 3 },
  delaySeconds: { min: 1, max: 60, default: 5 },
} as const;
export const MAX_RETRY_WAIT_SECONDS = 120;

/** What goes out of a step's error port, added to the item it failed on. */
export interface StepErrorInfo {
  message: string;
  /** The step's name (its label, else its type's). */
  step: string;
}

/**
 * The automation's error handler: on a failed (or stopped) run, `notify` tells the members with
 * these roles (built-in keys or custom role ids) with a link to the run; `automation` starts
 * another automation at its "Automation failed" trigger, with the failed run as its payload.
 */
export type ErrorHandler = { kind: 'notify'; roles: string[] } | { kind: 'automation'; automationId: string };

/** Milliseconds before retry `attempt` (1 for the first retry): doubling, capped. */
export function retryWaitMs(policy: NodeErrorPolicy, attempt: number): number {
  const first = policy.delaySeconds ?? RETRY_BOUNDS.delaySeconds.default;
  return Math.min(first * 2 ** Math.max(0, attempt - 1), MAX_RETRY_WAIT_SECONDS) * 1000;
}

/** Retries a policy allows after the first attempt (0 unless it retries). */
export const retriesOf = (policy: NodeErrorPolicy | undefined): number =>
  policy?.mode === 'retry' ? (policy.retries ?? RETRY_BOUNDS.retries.default) : 0;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const inRange = (value: unknown, bounds: { min: number; max: number }) =>
  typeof value === 'number' && Number.isInteger(value) && value >= bounds.min && value <= bounds.max;

/** Problems of a step's `onError`, each naming its field (`mode`, `retries`, `delaySeconds`). */
export function errorPolicyProblems(value: unknown, isTrigger: boolean): Array<{ field: string; message: string }> {
  if (value === undefined) return [];
  if (!isObject(value)) return [{ field: 'onError', message: 'On error must be {mode, retries?, delaySeconds?}' }];
  if (isTrigger) {
    return [
      { field: 'onError', message: 'a trigger starts runs and never fails in one: On error is for the steps after it' },
    ];
  }
  const problems: Array<{ field: string; message: string }> = [];
  for (const key of Object.keys(value)) {
    if (!['mode', 'retries', 'delaySeconds'].includes(key))
      problems.push({ field: key, message: `${key} is not a setting of On error` });
  }
  if (!ERROR_MODES.includes(value.mode as ErrorMode)) {
    problems.push({ field: 'mode', message: `On error must be one of ${ERROR_MODES.join(', ')}` });
    return problems;
  }
  const retrying = value.mode === 'retry';
  for (const key of ['retries', 'delaySeconds'] as const) {
    const bounds = RETRY_BOUNDS[key];
    const label = key === 'retries' ? 'Retries' : 'Wait before the first retry (seconds)';
    if (value[key] === undefined) continue;
    if (!retrying) problems.push({ field: key, message: `${label} applies only when On error is retry` });
    else if (!inRange(value[key], bounds)) {
      problems.push({ field: key, message: `${label} must be a whole number from ${bounds.min} to ${bounds.max}` });
    }
  }
  return problems;
}

/** Problems of a graph's `errorHandler` by shape (whether the automation exists is the backend's to check). */
export function errorHandlerProblems(value: unknown): Array<{ field: string; message: string }> {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return [{ field: 'errorHandler', message: 'The error handler must be {kind, …}' }];
  if (value.kind === 'notify') {
    const roles = value.roles;
    const ok = Array.isArray(roles) && roles.length > 0 && roles.every((r) => typeof r === 'string' && r.trim());
    return ok ? [] : [{ field: 'roles', message: 'The error handler must name at least one role to tell' }];
  }
  if (value.kind === 'automation') {
    return typeof value.automationId === 'string' && value.automationId.trim()
      ? []
      : [{ field: 'automationId', message: 'The error handler must name the automation to start' }];
  }
  return [{ field: 'kind', message: 'The error handler must be notify or automation' }];
}
