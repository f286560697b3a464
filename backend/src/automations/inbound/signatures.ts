import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type WebhookPreset = 'generic' | 'wordpress' | 'ghost' | 'strapi' | 'contentful';

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

/** `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; optional `X-Timestamp` (unix seconds). */
function verifyGeneric(secret: string, d: InboundDelivery): Date | null {
  const signature = /^sha256=([0-9a-f]{64})$/i.exec(header(d, 'x-signature-256') ?? '');
  if (!signature) throw new WebhookRejected('signature', 'X-Signature-256 is missing or not sha256=<hex>');
  if (!sameHex(hmacHex(secret, d.rawBody), signature[1])) {
    throw new WebhookRejected('signature', 'X-Signature-256 does not match the body');
  }
  const timestamp = header(d, 'x-timestamp');
  if (timestamp === undefined) return null;
  const sentAt = new Date(Number(timestamp) * 1000);
  if (Number.isNaN(sentAt.getTime())) throw new WebhookRejected('stale', 'X-Timestamp is not unix seconds');
  fresh(sentAt, d.receivedAt);
  return sentAt;
}

/** Ghost: `X-Ghost-Signature: sha256=<hex>, t=<unix ms>`, the HMAC over the body followed by t. */
function verifyGhost(secret: string, d: InboundDelivery): Date {
  const parts = /^sha256=([0-9a-f]{64}),\s*t=(\d+)$/i.exec(header(d, 'x-ghost-signature') ?? '');
  if (!parts) throw new WebhookRejected('signature', 'X-Ghost-Signature is missing or not "sha256=<hex>, t=<ms>"');
  if (!sameHex(hmacHex(secret, `${d.rawBody.toString('utf8')}${parts[2]}`), parts[1])) {
    throw new WebhookRejected('signature', 'X-Ghost-Signature does not match the body');
  }
  const sentAt = new Date(Number(parts[2]));
  fresh(sentAt, d.receivedAt);
  return sentAt;
}

/**
 * Checks a delivery's signature the way its sender signs, and returns what identifies it for
 * replay refusal: the sender's delivery id, or else a hash of the body and signed time.
 */
export function verifySignature(
  preset: WebhookPreset,
  secret: string,
  d: InboundDelivery,
): { deliveryId: string; sentAt: Date | null } {
  const sentAt = preset === 'ghost' ? verifyGhost(secret, d) : verifyGeneric(secret, d);
  const given = header(d, 'x-delivery-id') ?? header(d, 'x-request-id');
  const deliveryId =
    given?.slice(0, 200) ??
    `sha256:${createHash('sha256')
      .update(d.rawBody)
      .update(String(sentAt?.getTime() ?? ''))
      .digest('hex')}`;
  return { deliveryId, sentAt };
}
