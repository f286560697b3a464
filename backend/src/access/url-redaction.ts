/**
 * Secrets that travel in URLs, kept out of access logs: the token of a client approval link or an
 * invite is the only key to it, and a media signature or an OAuth code is as good as a password
 * for a while. Anyone who can read the logs must not be able to use them.
 */
const SECRET_PATH_SEGMENT = /^(\/api\/v1\/approval-links\/|\/api\/v1\/invites\/by-token\/|\/approve\/)[^/?#]+/;
const SECRET_QUERY_PARAMETER = /([?&](?:token|signature|code|state|key)=)[^&#]*/gi;
const SECRET_PARAMETERS = new Set(['token', 'signature', 'code', 'state', 'key']);

export const REDACTED = '[redacted]';

/** The URL (path and query, or absolute) with its secrets replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url)?.[0] ?? '';
  const rest = url.slice(absolute.length);
  return absolute + rest.replace(SECRET_PATH_SEGMENT, `$1${REDACTED}`).replace(SECRET_QUERY_PARAMETER, `$1${REDACTED}`);
}

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/** pino-http `req` serializer step: the URL, its parsed parts and the Referer, redacted. */
export function redactRequest<T extends SerializedRequest>(req: T): T {
  const redacted: T = { ...req };
  if (typeof req.url === 'string') redacted.url = redactUrl(req.url);
  if (req.query) redacted.query = redactParameters(req.query);
  if (req.params) redacted.params = redactParameters(req.params);
  const referer = req.headers?.referer;
  if (typeof referer === 'string') redacted.headers = { ...req.headers, referer: redactUrl(referer) };
  return redacted;
}

const redactParameters = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, SECRET_PARAMETERS.has(k) ? REDACTED : v]));
