import { callNetwork, NetworkReply, parseReply, retryFailure, valueAt } from '../oauth2/network-http';
import { ConnectorFailure } from '../connector';
import { classifyTikTokFailure } from './tiktok.errors';

export const TIKTOK_LABEL = 'TikTok';

export const TIKTOK_DEFAULT_URLS = {
  apiBaseUrl: 'https://open.tiktokapis.com',
  authBaseUrl: 'https://www.tiktok.com',
};

/** TikTok's Open API v2: JSON in, `{data, error}` out. */
export class TikTokApi {
  constructor(private readonly baseUrl: string) {}

  /** A call's `data`; an `error.code` other than "ok" is a refusal even on HTTP 200. */
  async json(token: string, method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body) headers['content-type'] = 'application/json; charset=UTF-8';
    const reply = await callNetwork(
      `${this.baseUrl.replace(/\/+$/, '')}${path}`,
      { method, headers, body: body ? JSON.stringify(body) : undefined },
      classifyTikTokFailure,
      TIKTOK_LABEL,
    );
    const parsed = parseReply({ ...reply, text: quoteBigIntegers(reply.text) }, TIKTOK_LABEL);
    const code = valueAt(parsed, 'error.code');
    if (code !== undefined && code !== 'ok') {
      const headers = Object.fromEntries(reply.headers.entries());
      throw new ConnectorFailure(classifyTikTokFailure({ status: reply.status, headers, body: parsed }, new Date()));
    }
    const data = valueAt(parsed, 'data');
    if (data === null || typeof data !== 'object') throw retryFailure(`${TIKTOK_LABEL} answered without data`);
    return data;
  }

  /** One chunk of a FILE_UPLOAD to the upload URL init returned (206 until the last, then 201). */
  upload(uploadUrl: string, mimeType: string, bytes: Uint8Array, range: string): Promise<NetworkReply> {
    return callNetwork(
      uploadUrl,
      { method: 'PUT', headers: { 'content-type': mimeType, 'content-range': range }, body: new Uint8Array(bytes) },
      classifyTikTokFailure,
      TIKTOK_LABEL,
    );
  }
}

/**
 * TikTok sends post ids as int64 JSON numbers (publicaly_available_post_id), past what a JS number
 * holds exactly: integers of 16 digits or more are read as strings instead.
 */
export function quoteBigIntegers(text: string): string {
  return text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"');
}
