import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapDelivery } from './field-maps';
import { signDelivery, verifySignature, WebhookRejected, type InboundDelivery } from './signatures';

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
  const t = now.getTime() / 1000;
  /** Our scheme: the HMAC of "<timestamp>.<body>", the timestamp sent beside it. */
  const signed = (timestamp = t, raw: Buffer | string = body, extra: Record<string, string> = {}) => ({
    'x-timestamp': String(timestamp),
    'x-signature': `sha256=${sign(`${timestamp}.${raw.toString()}`)}`,
    ...extra,
  });

  it('accepts the HMAC of timestamp and body, keyed for replays by the signature and the delivery id', () => {
    const headers = signed(t - 60, body, { 'x-delivery-id': 'd-1' });
    const verified = verifySignature('generic', secret, delivery(headers));
    expect(verified).toEqual({
      replayKeys: [`sig:${headers['x-signature'].slice(7)}`, 'id:d-1'],
      sentAt: new Date((t - 60) * 1000),
    });
    expect(signDelivery(secret, t - 60, body)).toBe(headers['x-signature']);
  });

  it('keys a replay by the signature whatever id headers a replay adds or changes', () => {
    const a = verifySignature('wordpress', secret, delivery(signed(t, body, { 'x-delivery-id': 'd-1' })));
    const b = verifySignature('wordpress', secret, delivery(signed(t, body, { 'x-request-id': 'new-id' })));
    const c = verifySignature('wordpress', secret, delivery(signed(t)));
    expect(a.replayKeys[0]).toMatch(/^sig:[0-9a-f]{64}$/);
    expect(b.replayKeys[0]).toBe(a.replayKeys[0]);
    expect(c.replayKeys).toEqual([a.replayKeys[0]]);
    // The same body sent at another time is another delivery.
    expect(verifySignature('wordpress', secret, delivery(signed(t - 1))).replayKeys[0]).not.toBe(a.replayKeys[0]);
  });

  it('refuses a missing, malformed or wrong signature, a tampered body, and a timestamp moved', () => {
    expect(rejection(() => verifySignature('generic', secret, delivery({})))).toBe('signature');
    expect(rejection(() => verifySignature('generic', secret, delivery({ 'x-signature': 'md5=abc' })))).toBe(
      'signature',
    );
    const wrong = createHmac('sha256', 'other').update(`${t}.${body.toString()}`).digest('hex');
    expect(
      rejection(() =>
        verifySignature('generic', secret, delivery({ 'x-timestamp': String(t), 'x-signature': `sha256=${wrong}` })),
      ),
    ).toBe('signature');
    const tampered = Buffer.from(JSON.stringify({ title: 'Hellp' }));
    expect(rejection(() => verifySignature('generic', secret, delivery(signed(t), tampered)))).toBe('signature');
    // A captured delivery sent again under a new time: the signature no longer matches.
    const moved = { ...signed(t - 600), 'x-timestamp': String(t) };
    expect(rejection(() => verifySignature('generic', secret, delivery(moved)))).toBe('signature');
    const noTime = { 'x-signature': signed(t)['x-signature'] };
    expect(rejection(() => verifySignature('generic', secret, delivery(noTime)))).toBe('signature');
    expect(rejection(() => verifySignature('generic', secret, delivery({ ...signed(t), 'x-timestamp': '1e9' })))).toBe(
      'signature',
    );
  });

  it('refuses the old body-only X-Signature-256, saying what to send instead', () => {
    const old = delivery({ 'x-signature-256': `sha256=${sign(body)}`, 'x-timestamp': String(t) });
    expect(() => verifySignature('generic', secret, old)).toThrow(
      /no longer accepted: send X-Timestamp and X-Signature/,
    );
  });

  it('refuses a signed timestamp more than 5 minutes away', () => {
    expect(verifySignature('generic', secret, delivery(signed(t - 299))).sentAt).toEqual(new Date((t - 299) * 1000));
    expect(rejection(() => verifySignature('generic', secret, delivery(signed(t - 301))))).toBe('stale');
    expect(rejection(() => verifySignature('generic', secret, delivery(signed(t + 301))))).toBe('stale');
  });

  it("verifies Ghost's own scheme: the HMAC over body and timestamp", () => {
    const t = now.getTime() - 1000;
    const ok = { 'x-ghost-signature': `sha256=${sign(`${body.toString()}${t}`)}, t=${t}` };
    expect(verifySignature('ghost', secret, delivery(ok)).sentAt).toEqual(new Date(t));
    // An id header added to a captured Ghost delivery does not make it a new one.
    const replayed = verifySignature('ghost', secret, delivery({ ...ok, 'x-delivery-id': 'fresh' }));
    expect(replayed.replayKeys[0]).toBe(verifySignature('ghost', secret, delivery(ok)).replayKeys[0]);
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
