import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapDelivery } from './field-maps';
import { verifySignature, WebhookRejected, type InboundDelivery } from './signatures';

const secret = 'hook-secret';
const now = new Date('2026-11-25T10:00:00Z');
const body = Buffer.from(JSON.stringify({ title: 'Hello' }));
const sign = (data: Buffer | string) => createHmac('sha256', secret).update(data).digest('hex');
const delivery = (headers: Record<string, string>, raw = body): InboundDelivery => ({
  rawBody: raw,
  headers,
  receivedAt: now,
});
const rejection = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookRejected);
    return (error as WebhookRejected).reason;
  }
  throw new Error('not rejected');
};

describe('webhook signatures', () => {
  it('accepts the generic HMAC-SHA256 of the raw body and takes the delivery id', () => {
    const verified = verifySignature(
      'generic',
      secret,
      delivery({ 'x-signature-256': `sha256=${sign(body)}`, 'x-delivery-id': 'd-1' }),
    );
    expect(verified).toEqual({ deliveryId: 'd-1', sentAt: null });
  });

  it('identifies a delivery without an id by its body', () => {
    const headers = { 'x-signature-256': `sha256=${sign(body)}` };
    const a = verifySignature('wordpress', secret, delivery(headers)).deliveryId;
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifySignature('wordpress', secret, delivery(headers)).deliveryId).toBe(a);
  });

  it('refuses a missing, malformed or wrong signature, and a tampered body', () => {
    expect(rejection(() => verifySignature('generic', secret, delivery({})))).toBe('signature');
    expect(rejection(() => verifySignature('generic', secret, delivery({ 'x-signature-256': 'md5=abc' })))).toBe(
      'signature',
    );
    const wrong = createHmac('sha256', 'other').update(body).digest('hex');
    expect(
      rejection(() => verifySignature('generic', secret, delivery({ 'x-signature-256': `sha256=${wrong}` }))),
    ).toBe('signature');
    const tampered = Buffer.from(JSON.stringify({ title: 'Hellp' }));
    expect(
      rejection(() =>
        verifySignature('generic', secret, delivery({ 'x-signature-256': `sha256=${sign(body)}` }, tampered)),
      ),
    ).toBe('signature');
  });

  it('refuses a timestamp more than 5 minutes away', () => {
    const headers = (seconds: number) => ({
      'x-signature-256': `sha256=${sign(body)}`,
      'x-timestamp': String(seconds),
    });
    const t = now.getTime() / 1000;
    expect(verifySignature('generic', secret, delivery(headers(t - 60))).sentAt).toEqual(new Date((t - 60) * 1000));
    expect(rejection(() => verifySignature('generic', secret, delivery(headers(t - 301))))).toBe('stale');
    expect(rejection(() => verifySignature('generic', secret, delivery(headers(t + 301))))).toBe('stale');
  });

  it("verifies Ghost's own scheme: the HMAC over body and timestamp", () => {
    const t = now.getTime() - 1000;
    const ok = { 'x-ghost-signature': `sha256=${sign(`${body.toString()}${t}`)}, t=${t}` };
    expect(verifySignature('ghost', secret, delivery(ok)).sentAt).toEqual(new Date(t));
    const old = now.getTime() - 6 * 60_000;
    expect(
      rejection(() =>
        verifySignature(
          'ghost',
          secret,
          delivery({ 'x-ghost-signature': `sha256=${sign(`${body.toString()}${old}`)}, t=${old}` }),
        ),
      ),
    ).toBe('stale');
    expect(
      rejection(() =>
        verifySignature('ghost', secret, delivery({ 'x-ghost-signature': `sha256=${sign(body)}, t=${t}` })),
      ),
    ).toBe('signature');
  });
});

describe('preset field maps', () => {
  it('maps a WordPress post', () => {
    const wp = {
      post_id: 12,
      post: {
        ID: 12,
        post_title: 'Autumn menu',
        post_excerpt: '<p>New &amp; warm</p>',
        post_content: '<p>Full</p>',
        post_status: 'publish',
      },
      post_permalink: 'https://cafe.example/autumn',
      tags: ['food', 'autumn'],
    };
    expect(mapDelivery('wordpress', wp)).toEqual({
      id: 12,
      title: 'Autumn menu',
      link: 'https://cafe.example/autumn',
      text: 'New & warm',
      content: '<p>Full</p>',
      status: 'publish',
      tags: ['food', 'autumn'],
      raw: wp,
    });
  });

  it('maps a Ghost post.published body', () => {
    const ghost = {
      post: {
        current: {
          id: 'g1',
          title: 'Launch',
          url: 'https://blog.example/launch/',
          custom_excerpt: 'We launched',
          html: '<p>We launched</p>',
          status: 'published',
          primary_author: { name: 'Ada' },
          tags: [{ name: 'News' }],
          feature_image: 'https://blog.example/img.jpg',
        },
      },
    };
    expect(mapDelivery('ghost', ghost)).toMatchObject({
      id: 'g1',
      title: 'Launch',
      link: 'https://blog.example/launch/',
      text: 'We launched',
      author: 'Ada',
      tags: ['News'],
      imageUrl: 'https://blog.example/img.jpg',
    });
  });

  it('maps Strapi and Contentful entries, and passes generic JSON as it is', () => {
    expect(
      mapDelivery('strapi', {
        event: 'entry.publish',
        model: 'article',
        entry: { id: 3, title: 'Hi', slug: 'hi', publishedAt: '2026-11-25' },
      }),
    ).toMatchObject({ event: 'entry.publish', title: 'Hi', link: 'hi', status: 'published' });
    expect(
      mapDelivery('contentful', {
        sys: { id: 'c1', type: 'Entry' },
        fields: { title: { 'en-US': 'Hola' }, slug: { 'en-US': 'hola' } },
      }),
    ).toMatchObject({
      id: 'c1',
      title: 'Hola',
      link: 'hola',
    });
    expect(mapDelivery('generic', { title: 'x', n: 1 })).toEqual({ title: 'x', n: 1, raw: { title: 'x', n: 1 } });
  });
});
