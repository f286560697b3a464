import { createHmac } from 'node:crypto';
import { ConnectorFailure, NetworkEndpoints } from '../connector';
import { classifyGraphFailure } from '../facebook/facebook.errors';
import { GraphReader, isObject } from './graph-body';

/** Scalars go as they are; objects and arrays are JSON-encoded, as Graph reads them (attached_media). */
export type GraphParams = Record<string, string | number | boolean | object | null | undefined>;

export interface GraphClientOptions {
  /** Per-call limit; a hung call is retried later rather than holding a publishing worker. */
  timeoutMs?: number;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Graph's own description of a refusal: the code (and subcode) say what happened, whatever the status. */
export interface GraphErrorDetail {
  code: number | null;
  subcode: number | null;
  message: string;
}

/** A refused Graph call: classified for the publisher, with Graph's code kept for callers that read it (insights). */
export class GraphFailure extends ConnectorFailure {
  constructor(
    failure: ConnectorFailure['failure'],
    readonly graph: GraphErrorDetail,
  ) {
    super(failure);
  }
}

function graphErrorOf(body: unknown): GraphErrorDetail {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    code: number(error.code),
    subcode: number(error.error_subcode),
    message: typeof error.message === 'string' ? error.message : '',
  };
}

/** A thin Graph API client over global fetch: every failure becomes a `ConnectorFailure`. */
export class GraphClient {
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly endpoints: Pick<NetworkEndpoints, 'apiBaseUrl' | 'clientSecret'>,
    options: GraphClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** `accessToken` null for app-authenticated calls (the OAuth token exchange). */
  get<T>(path: string, accessToken: string | null, params: GraphParams, read: GraphReader<T>): Promise<T> {
    const url = this.url(path, { ...params, ...this.proof(accessToken) });
    return this.call('GET', url, accessToken, undefined, read);
  }

  post<T>(path: string, accessToken: string, params: GraphParams, read: GraphReader<T>): Promise<T> {
    const form = encode({ ...params, ...this.proof(accessToken) });
    return this.call('POST', this.url(path, {}), accessToken, form, read);
  }

  delete<T>(path: string, accessToken: string, read: GraphReader<T>): Promise<T> {
    return this.call('DELETE', this.url(path, this.proof(accessToken)), accessToken, undefined, read);
  }

  /** For hosts Graph hands out itself (the reel upload URL): same auth, extra headers, no body. */
  postTo<T>(url: string, accessToken: string, headers: Record<string, string>, read: GraphReader<T>): Promise<T> {
    return this.call('POST', url, accessToken, undefined, read, headers);
  }

  private async call<T>(
    method: string,
    url: string,
    accessToken: string | null,
    form: URLSearchParams | undefined,
    read: GraphReader<T>,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const what = `${method} ${new URL(url).pathname}`;
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    // A header, not the documented access_token parameter, keeps tokens out of URLs and their logs.
    if (accessToken) headers.authorization = `OAuth ${accessToken}`;
    const { status, headerMap, text } = await this.exchange(what, url, { method, headers, body: form });
    const body = parseJson(text);
    if (status < 200 || status >= 300) {
      const failure = classifyGraphFailure({ status, headers: headerMap, body: body ?? text }, this.now());
      throw new GraphFailure({ ...failure, reason: `${what}: ${failure.reason}` }, graphErrorOf(body));
    }
    const value = body === undefined ? undefined : read(body);
    if (value === undefined) throw malformed(what, status, text);
    return value;
  }

  private async exchange(what: string, url: string, init: RequestInit) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      const headerMap = Object.fromEntries(response.headers.entries());
      return { status: response.status, headerMap, text: await response.text() };
    } catch (error) {
      throw new ConnectorFailure({
        kind: 'retry',
        afterMs: null,
        reason: `${what}: ${describeNetworkError(error, this.timeoutMs)}`,
      });
    }
  }

  private url(path: string, params: GraphParams): string {
    const url = new URL(`${this.endpoints.apiBaseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    encode(params).forEach((value, key) => url.searchParams.append(key, value));
    return url.toString();
  }

  /** appsecret_proof: required when the app enables "Require App Secret", harmless otherwise. */
  private proof(accessToken: string | null): GraphParams {
    if (!accessToken || !this.endpoints.clientSecret) return {};
    return { appsecret_proof: createHmac('sha256', this.endpoints.clientSecret).update(accessToken).digest('hex') };
  }
}

function encode(params: GraphParams): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function malformed(what: string, status: number, text: string): ConnectorFailure {
  const excerpt = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return new ConnectorFailure({
    kind: 'retry',
    afterMs: null,
    reason: `${what}: HTTP ${status} with an answer that is not the documented shape: ${excerpt || '(empty)'}`,
  });
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const detail = cause?.code ?? (error instanceof Error ? error.message : String(error));
  return `Graph API unreachable (${detail})`;
}
