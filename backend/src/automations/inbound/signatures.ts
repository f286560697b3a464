import { createHmac, timingSafeEqual } from 'node:crypto';

/** `zapier`: Zapier, Make and n8n, which sign as we do or send an API key instead (api-key-callers.ts). */
export type WebhookPreset = 'generic' | 'wordpress' | 'ghost' | 'strapi' | 'contentful' | 'zapier';

/** How old (or how far ahead) a signed timestamp may be. */
export const MAX_SKEW_MS = 5 * 60_000;

export interface InboundDelivery {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  receivedAt: Date;
}

export class WebhookRejected extends Error {
  constructor(
    readonly reason: 'signature' | 'stale' | 'body',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

const header = (d: InboundDelivery, name: string): string | undefined => {
  const value = d.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

const hmacHex = (secret: string, data: Buffer | string) => createHmac('sha256', secret).update(data).digest('hex');

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

function fresh(sentAt: Date, receivedAt: Date): void {
  if (Math.abs(receivedAt.getTime() - sentAt.getTime()) > MAX_SKEW_MS) {
    throw new WebhookRejected('stale', 'the signed timestamp is more than 5 minutes away from now');
  }
}

/**
 * Our scheme, as Stripe signs: `X-Timestamp: <unix seconds>` and `X-Signature: sha256=<hex>`, the
 * HMAC-SHA256 of `<timestamp>.<raw body>` with the hook's secret. The time is signed with the body,
 * so a captured delivery cannot be sent again later under a new time.
 */
export function signDelivery(secret: string, timestamp: number, body: Buffer | string): string {
  return `sha256=${hmacHex(secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]))}`;
}

function verifyGeneric(secret: string, d: InboundDelivery): { sentAt: Date; signature: string } {
  const signature = /^sha256=([0-9a-f]{64})$/i.exec(header(d, 'x-signature') ?? '');
  if (!signature) {
    throw new WebhookRejected(
      'signature',
      header(d, 'x-signature-256')
        ? 'X-Signature-256 (the body alone) is no longer accepted: send X-Timestamp and X-Signature: sha256=<HMAC of "<timestamp>.<body>">'
        : 'X-Signature is missing or not sha256=<hex>',
    );
  }
  const timestamp = header(d, 'x-timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WebhookRejected('signature', 'X-Timestamp is missing or not unix seconds');
  }
  if (!sameHex(signDelivery(secret, Number(timestamp), d.rawBody).slice(7), signature[1])) {
    throw new WebhookRejected('signature', 'X-Signature does not match X-Timestamp and the body');
  }
  const sentAt = new Date(Number(timestamp) * 1000);
  fresh(sentAt, d.receivedAt);
  return { sentAt, signature: signature[1].toLowerCase() };
}

/** Ghost: `X-Ghost-Signature: sha256=<hex>, t=<unix ms>`, the HMAC over the body followed by t. */
function verifyGhost(secret: string, d: InboundDelivery): { sentAt: Date; signature: string } {
  const parts = /^sha256=([0-9a-f]{64}),\s*t=(\d{1,15})$/i.exec(header(d, 'x-ghost-signature') ?? '');
  if (!parts) throw new WebhookRejected('signature', 'X-Ghost-Signature is missing or not "sha256=<hex>, t=<ms>"');
  if (!sameHex(hmacHex(secret, `${d.rawBody.toString('utf8')}${parts[2]}`), parts[1])) {
    throw new WebhookRejected('signature', 'X-Ghost-Signature does not match the body');
  }
  const sentAt = new Date(Number(parts[2]));
  fresh(sentAt, d.receivedAt);
  return { sentAt, signature: parts[1].toLowerCase() };
}

/**
 * Checks a delivery's signature the way its sender signs (signed time at most 5 minutes away), and
 * returns the keys a replay is refused by: the signature itself, which covers the body and the
 * time, so the same signed delivery is accepted once whatever its other headers say; and the
 * sender's `X-Delivery-Id`/`X-Request-Id` when given, so a sender's retry of one event (newly
 * signed) is accepted once too. Neither id header is signed: on its own it could not stop a replay.
 */
export function verifySignature(
  preset: WebhookPreset,
  secret: string,
  d: InboundDelivery,
): { replayKeys: string[]; sentAt: Date } {
  const { sentAt, signature } = preset === 'ghost' ? verifyGhost(secret, d) : verifyGeneric(secret, d);
  const given = header(d, 'x-delivery-id') ?? header(d, 'x-request-id');
  return { replayKeys: [`sig:${signature}`, ...(given ? [`id:${given.slice(0, 190)}`] : [])], sentAt };
}
