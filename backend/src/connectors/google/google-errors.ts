import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';

/** One field a Google API refused, as its error details name it. */
export interface GoogleFieldViolation {
  field: string;
  description: string;
}

/** Maps a field as Google names it (`local_post.summary`) to the request's own (`text`). */
export type GoogleFieldNames = (googleField: string) => string;

const detailsOf = (body: unknown): Array<Record<string, unknown>> => {
  const details = valueAt(body, 'error.details');
  return Array.isArray(details)
    ? details.filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
    : [];
};

/**
 * Field violations from google.rpc.BadRequest, and from the Business Profile v4 ValidationError
 * (`errorDetails` of `{ field, message }`).
 */
export function googleFieldViolations(body: unknown): GoogleFieldViolation[] {
  const violations: GoogleFieldViolation[] = [];
  for (const detail of detailsOf(body)) {
    for (const v of listOf(detail.fieldViolations))
      violations.push({ field: String(v.field ?? ''), description: String(v.description ?? '') });
    for (const v of listOf(detail.errorDetails))
      violations.push({ field: String(v.field ?? ''), description: String(v.message ?? '') });
  }
  return violations.filter((v) => v.field);
}

/** `retryDelay` of a google.rpc.RetryInfo detail ("30s"), in ms. */
function retryInfoMs(body: unknown): number | null {
  for (const detail of detailsOf(body)) {
    const delay = detail.retryDelay;
    const seconds = typeof delay === 'string' ? Number.parseFloat(delay) : Number.NaN;
    if (Number.isFinite(seconds)) return Math.round(seconds * 1000);
  }
  return null;
}

/** ErrorInfo reasons (ACCESS_TOKEN_SCOPE_INSUFFICIENT, SERVICE_DISABLED …). */
function reasonsOf(body: unknown): string[] {
  return detailsOf(body)
    .map((d) => d.reason)
    .filter((r): r is string => typeof r === 'string');
}

/**
 * Google's error format (`{ error: { code, message, status, details } }`): UNAUTHENTICATED needs
 * the person to sign in again; PERMISSION_DENIED a grant with the scope (or access to the
 * location); RESOURCE_EXHAUSTED waits (Retry-After, else RetryInfo); INVALID_ARGUMENT and
 * FAILED_PRECONDITION are the post's fault and name the field Google refused.
 */
export function classifyGoogleFailure(
  label: string,
  response: FailedResponse,
  now: Date,
  fieldNames: GoogleFieldNames = (field) => field,
): FailureClass {
  const status = valueAt(response.body, 'error.status');
  const message = valueAt(response.body, 'error.message');
  const detail = typeof message === 'string' && message ? `: ${message}` : '';
  if (status === 'UNAUTHENTICATED' || response.status === 401)
    return { kind: 'reauth', reason: `${label} refused the sign-in${detail}; reconnect the account` };
  if (status === 'PERMISSION_DENIED' || response.status === 403) {
    const reasons = reasonsOf(response.body);
    if (reasons.includes('SERVICE_DISABLED'))
      return { kind: 'bad-request', reason: `${label}: the server's Google project has this API turned off${detail}` };
    return { kind: 'reauth', reason: `${label} refused a permission${detail}; reconnect the account granting it` };
  }
  if (status === 'RESOURCE_EXHAUSTED' || response.status === 429) {
    const generic = classifyHttpFailure({ ...response, status: 429 }, now);
    const afterMs = generic.kind === 'retry' && generic.afterMs !== null ? generic.afterMs : retryInfoMs(response.body);
    return { kind: 'retry', afterMs, reason: `${label} quota or rate limit reached${detail}` };
  }
  if (status === 'INVALID_ARGUMENT' || status === 'FAILED_PRECONDITION' || response.status === 400) {
    const fields = googleFieldViolations(response.body);
    const named = fields.map((f) => `${fieldNames(f.field)}: ${f.description || 'refused'}`).join('; ');
    return { kind: 'bad-request', reason: named ? `${named} (${label})` : `${label} refused the request${detail}` };
  }
  const generic = classifyHttpFailure(response, now);
  return { ...generic, reason: `${label} ${generic.reason}${detail}` };
}

function listOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object') : [];
}
