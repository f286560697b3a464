import { callNetwork, callNetworkJson, NetworkReply } from '../oauth2/network-http';
import { classifyLinkedInFailure } from './linkedin.errors';

export const LINKEDIN_LABEL = 'LinkedIn';

/** The Posts API version this connector was written against (LinkedIn sunsets versions after a year). */
export const LINKEDIN_VERSION = '202411';

/** LinkedIn's versioned REST API (`/rest/...`) with Rest.li 2.0 encoding. */
export class LinkedInApi {
  constructor(private readonly baseUrl: string) {}

  json(
    token: string,
    method: string,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<unknown> {
    return callNetworkJson(
      this.url(path),
      this.init(token, method, body, headers),
      classifyLinkedInFailure,
      LINKEDIN_LABEL,
    );
  }

  send(
    token: string,
    method: string,
    path: string,
    options: { body?: object; headers?: Record<string, string>; alsoOk?: number[] } = {},
  ): Promise<NetworkReply> {
    const init = this.init(token, method, options.body, options.headers ?? {});
    return callNetwork(this.url(path), init, classifyLinkedInFailure, LINKEDIN_LABEL, options.alsoOk);
  }

  /** Upload URLs are absolute (LinkedIn's media hosts) and take raw bytes. */
  upload(token: string, uploadUrl: string, bytes: Buffer): Promise<NetworkReply> {
    const init: RequestInit = {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    };
    return callNetwork(uploadUrl, init, classifyLinkedInFailure, LINKEDIN_LABEL);
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/$/, '')}${path}`;
  }

  private init(token: string, method: string, body: object | undefined, extra: Record<string, string>): RequestInit {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'linkedin-version': LINKEDIN_VERSION,
      'x-restli-protocol-version': '2.0.0',
      ...extra,
    };
    if (body === undefined) return { method, headers };
    headers['content-type'] = 'application/json';
    return { method, headers, body: JSON.stringify(body) };
  }
}
