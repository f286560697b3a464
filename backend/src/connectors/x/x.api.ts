import { callNetwork, callNetworkJson, NetworkReply } from '../oauth2/network-http';
import { classifyXFailure } from './x.errors';

export const X_LABEL = 'X';

/**
 * Plain fetch rather than twitter-api-v2: that library builds its URLs from fixed api.x.com /
 * upload prefixes, and specs must point every call at a local fake through NetworkEndpoints.
 */
export class XApi {
  constructor(private readonly baseUrl: string) {}

  json(token: string, method: string, path: string, body?: object | FormData): Promise<unknown> {
    return callNetworkJson(this.url(path), this.init(token, method, body), classifyXFailure, X_LABEL);
  }

  send(token: string, method: string, path: string, body?: FormData, alsoOk: number[] = []): Promise<NetworkReply> {
    return callNetwork(this.url(path), this.init(token, method, body), classifyXFailure, X_LABEL, alsoOk);
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/$/, '')}${path}`;
  }

  private init(token: string, method: string, body?: object | FormData): RequestInit {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body instanceof FormData) return { method, headers, body };
    if (body === undefined) return { method, headers };
    headers['content-type'] = 'application/json';
    return { method, headers, body: JSON.stringify(body) };
  }
}
