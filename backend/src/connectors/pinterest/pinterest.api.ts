import { callNetwork, callNetworkJson, FailureClassifier, NetworkReply } from '../oauth2/network-http';
import { classifyPinterestFailure } from './pinterest.errors';

export const PINTEREST_LABEL = 'Pinterest';

/** Where Pinterest lives unless the configuration overrides it: the API (and token endpoint) and the consent page. */
export const PINTEREST_DEFAULT_URLS = {
  apiBaseUrl: 'https://api.pinterest.com',
  authBaseUrl: 'https://www.pinterest.com',
};

/** Pinterest API v5: JSON bodies, bearer tokens, every path under /v5. */
export class PinterestApi {
  constructor(private readonly baseUrl: string) {}

  json(
    token: string,
    method: string,
    path: string,
    body?: object,
    classify: FailureClassifier = classifyPinterestFailure,
  ): Promise<unknown> {
    return callNetworkJson(this.url(path), this.init(token, method, body), classify, PINTEREST_LABEL);
  }

  send(token: string, method: string, path: string, alsoOk: number[] = []): Promise<NetworkReply> {
    return callNetwork(this.url(path), this.init(token, method), classifyPinterestFailure, PINTEREST_LABEL, alsoOk);
  }

  /**
   * Video bytes go to the storage URL `POST /v5/media` handed out, as a form with its one-time
   * fields first and the file last; no Pinterest token goes there.
   */
  uploadForm(uploadUrl: string, fields: Record<string, string>, file: Blob): Promise<NetworkReply> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file);
    return callNetwork(
      uploadUrl,
      { method: 'POST', body: form },
      classifyPinterestFailure,
      `${PINTEREST_LABEL} media upload`,
    );
  }

  url(path: string): string {
    return `${this.baseUrl.replace(/\/$/, '')}/v5${path}`;
  }

  private init(token: string, method: string, body?: object): RequestInit {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body === undefined) return { method, headers };
    headers['content-type'] = 'application/json';
    return { method, headers, body: JSON.stringify(body) };
  }
}
