import type { Response } from 'undici';

/** What one attempt came to, by the target's answer (Zapier's conventions for REST hooks). */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number; excerpt: string }
  /** 410 Gone: the receiver unsubscribed (a deleted Zap); the subscription goes. */
  | { kind: 'gone'; status: number; excerpt: string }
  /** 429, 408, 5xx, a timeout or a network error: tried again later, not before `retryAfterMs`. */
  | { kind: 'retry'; status: number | null; excerpt: string; retryAfterMs: number | null }
  /** Any other answer: the receiver refuses this body; sending it again would not help. */
  | { kind: 'refused'; status: number; excerpt: string };

export const EXCERPT_LENGTH = 500;
/** A Retry-After further away than this is not waited for; the backoff's own limit applies. */
const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

export async function outcomeOf(res: Response): Promise<AttemptOutcome> {
  const excerpt = await excerptOf(res);
  const status = res.status;
  if (res.ok) return { kind: 'delivered', status, excerpt };
  if (status === 410) return { kind: 'gone', status, excerpt };
  if (status === 429 || status === 408 || status >= 500) {
    return { kind: 'retry', status, excerpt, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
  }
  return { kind: 'refused', status, excerpt };
}

export const unreachable = (error: Error): AttemptOutcome => ({
  kind: 'retry',
  status: null,
  excerpt: (error.name === 'TimeoutError' ? 'no answer within 15 s' : error.message).slice(0, EXCERPT_LENGTH),
  retryAfterMs: null,
});

/** `Retry-After` in seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : null;
}

/** The first characters of the answer, read no further: a receiver may answer with megabytes. */
async function excerptOf(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < EXCERPT_LENGTH) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut short still tells what arrived.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, EXCERPT_LENGTH);
}
