import { fetchPublic, PrivateUrlError } from '../../common/public-url';
import { ConnectorFailure } from '../connector';
import type { FailedResponse } from '../failure-classification';
import { retryFailure } from '../oauth2/network-http';
import { classifyWordPressFailure, WordPressCallKind } from './wordpress.errors';
import { basicAuth, Query, restUrl, WORDPRESS_LABEL, WordPressSite } from './wordpress.site';

export interface WordPressCall {
  method: 'GET' | 'POST' | 'DELETE';
  route: string;
  query?: Query;
  /** Sent as JSON. */
  json?: object;
  /** Sent as it is (a media upload), with its own headers. */
  bytes?: { body: Buffer; headers: Record<string, string> };
  /** Refusals the caller handles itself (deleting what is already gone). */
  alsoOk?: number[];
  kind?: WordPressCallKind;
}

export interface WordPressReply {
  status: number;
  header(name: string): string | null;
  text: string;
}

/**
 * The site's REST API with the account's application password. Sites are addresses a person typed,
 * so every call goes through fetchPublic: private networks only where the server allows them.
 */
export class WordPressApi {
  constructor(private readonly outbound: { allowPrivate: boolean }) {}

  async send(site: WordPressSite, call: WordPressCall): Promise<WordPressReply> {
    const headers: Record<string, string> = { authorization: basicAuth(site), accept: 'application/json' };
    let body: string | Uint8Array | undefined;
    if (call.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.bytes) {
      Object.assign(headers, call.bytes.headers);
      body = new Uint8Array(call.bytes.body);
    }
    const url = restUrl(site.apiRoot, call.route, call.query);
    const { status, headers: replyHeaders, text } = await this.fetch(url, { method: call.method, headers, body });
    if (status >= 300 && !(call.alsoOk ?? []).includes(status)) {
      const failed: FailedResponse = {
        status,
        headers: Object.fromEntries(replyHeaders.entries()),
        body: parsed(text),
      };
      throw new ConnectorFailure(classifyWordPressFailure(call.kind ?? 'other')(failed, new Date()));
    }
    return { status, header: (name) => replyHeaders.get(name), text };
  }

  /** The answer as JSON; a 2xx that is not JSON (a security plugin's HTML page) is worth retrying. */
  async json(site: WordPressSite, call: WordPressCall): Promise<unknown> {
    return jsonOf(await this.send(site, call));
  }

  /** A call without the account's password (discovery before connecting). */
  async fetch(url: string, init: { method: string; headers: Record<string, string>; body?: string | Uint8Array }) {
    try {
      const response = await fetchPublic(url, init, this.outbound);
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (error instanceof PrivateUrlError)
        throw new ConnectorFailure({
          kind: 'bad-request',
          reason: `The WordPress site cannot be reached: ${error.message}`,
        });
      throw retryFailure(
        `${WORDPRESS_LABEL} could not be reached at ${new URL(url).host}: ${(error as Error).message}`,
      );
    }
  }
}

export function jsonOf(reply: Pick<WordPressReply, 'text'>): unknown {
  const body = parsed(reply.text);
  if (typeof body === 'string') throw retryFailure(`${WORDPRESS_LABEL} answered with a body that is not JSON`);
  return body;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** WordPress answers collections as a bare JSON list. */
export function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  throw retryFailure(`${WORDPRESS_LABEL} answered with something other than a list`);
}
