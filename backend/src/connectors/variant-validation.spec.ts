import { describe, expect, it } from 'vitest';
import { MB, MediaFacts } from './network-limits';
import { NETWORK_LIMITS } from './network-registry';
import { validateVariant, VariantDraft } from './variant-validation';

const jpeg = (width = 1080, height = 1080, bytes = 1 * MB): MediaFacts => ({
  kind: 'image',
  mimeType: 'image/jpeg',
  bytes,
  width,
  height,
});
const mp4 = (durationSeconds: number, bytes = 20 * MB): MediaFacts => ({
  kind: 'video',
  mimeType: 'video/mp4',
  bytes,
  durationSeconds,
  width: 1080,
  height: 1920,
});
const draft = (partial: Partial<VariantDraft>): VariantDraft => ({
  text: 'Hello',
  postType: 'status',
  media: [],
  ...partial,
});

describe('validateVariant', () => {
  it('accepts a valid variant on every network that supports its type', () => {
    expect(validateVariant(NETWORK_LIMITS.sandbox, draft({ postType: 'photo', media: [jpeg(), jpeg()] }))).toEqual([]);
    expect(
      validateVariant(NETWORK_LIMITS.instagram, draft({ postType: 'carousel', media: [jpeg(), mp4(20)] })),
    ).toEqual([]);
    expect(
      validateVariant(
        NETWORK_LIMITS.linkedin,
        draft({
          postType: 'document',
          media: [{ kind: 'document', mimeType: 'application/pdf', bytes: MB, pages: 12 }],
        }),
      ),
    ).toEqual([]);
  });

  it('names the post type a network does not support, and what it does', () => {
    const [violation] = validateVariant(NETWORK_LIMITS.instagram, draft({ postType: 'status' }));
    expect(violation).toEqual({
      field: 'postType',
      message: 'Instagram does not support status posts (it supports photo, carousel, reel, story)',
      limit: 'photo, carousel, reel, story',
    });
  });

  it('counts text the way X counts it: URLs weigh 23, emoji 2', () => {
    const url = `https://example.com/${'a'.repeat(200)}`;
    expect(NETWORK_LIMITS.x.countText(`${url}`)).toBe(23);
    expect(NETWORK_LIMITS.x.countText('🌍')).toBe(2);
    const text = `${'a'.repeat(256)} ${url}`; // 256 + 1 + 23 = 280: exactly at the limit
    expect(validateVariant(NETWORK_LIMITS.x, draft({ text }))).toEqual([]);
    expect(validateVariant(NETWORK_LIMITS.x, draft({ text: `${text}!` }))).toEqual([
      { field: 'text', message: 'is 281 characters; X allows 280', limit: 280 },
    ]);
  });

  it('counts emoji as one character on the Sandbox (graphemes)', () => {
    expect(validateVariant(NETWORK_LIMITS.sandbox, draft({ text: '👩‍👩‍👧'.repeat(500) }))).toEqual([]);
    expect(validateVariant(NETWORK_LIMITS.sandbox, draft({ text: 'a'.repeat(501) }))[0]).toMatchObject({
      field: 'text',
      limit: 500,
    });
  });

  it('enforces media counts, types, sizes, aspect ratios and durations, naming the item', () => {
    expect(
      validateVariant(
        NETWORK_LIMITS.sandbox,
        draft({ postType: 'photo', media: [jpeg(), jpeg(), jpeg(), jpeg(), jpeg()] }),
      ),
    ).toEqual([{ field: 'media', message: 'needs 1–4 image(s) for a photo post, has 5', limit: '1–4' }]);
    expect(validateVariant(NETWORK_LIMITS.sandbox, draft({ postType: 'video', media: [mp4(61)] }))).toEqual([
      { field: 'media[0]', message: 'lasts 61 s; allowed 1–60 s', limit: '1–60' },
    ]);
    const wide = validateVariant(NETWORK_LIMITS.instagram, draft({ postType: 'photo', media: [jpeg(2000, 1000)] }));
    expect(wide).toEqual([
      { field: 'media[0]', message: 'has aspect ratio 2.00; allowed 0.80–1.91', limit: '0.8–1.91' },
    ]);
    const png = validateVariant(
      NETWORK_LIMITS.instagram,
      draft({ postType: 'photo', media: [{ ...jpeg(), mimeType: 'image/png' }] }),
    );
    expect(png[0]).toMatchObject({ field: 'media[0]', message: 'image/png is not accepted; use image/jpeg' });
    const big = validateVariant(NETWORK_LIMITS.x, draft({ postType: 'photo', media: [jpeg(1000, 1000, 6 * MB)] }));
    expect(big).toEqual([{ field: 'media[0]', message: 'is 6.0 MB; the limit is 5 MB', limit: 5 * MB }]);
  });

  it('never mixes images and video on X, and bounds carousels', () => {
    const mixed = validateVariant(NETWORK_LIMITS.x, draft({ postType: 'photo', media: [jpeg(), mp4(10)] }));
    expect(mixed).toEqual([{ field: 'media', message: 'photo posts on X cannot include videos', limit: 0 }]);
    const single = validateVariant(NETWORK_LIMITS.instagram, draft({ postType: 'carousel', media: [jpeg()] }));
    expect(single).toEqual([{ field: 'media', message: 'needs 2–10 items, has 1', limit: '2–10' }]);
  });

  it('checks links, polls and hashtags', () => {
    expect(validateVariant(NETWORK_LIMITS.linkedin, draft({ postType: 'article' }))).toEqual([
      { field: 'link', message: 'is required for article posts' },
    ]);
    expect(validateVariant(NETWORK_LIMITS.x, draft({ postType: 'link', link: 'ftp://x' }))).toEqual([
      { field: 'link', message: 'must be an http(s) URL' },
    ]);
    expect(validateVariant(NETWORK_LIMITS.x, draft({ postType: 'poll', pollOptions: ['yes'] }))).toEqual([
      { field: 'pollOptions', message: 'needs 2–4 options, has 1', limit: '2–4' },
    ]);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    expect(
      validateVariant(NETWORK_LIMITS.instagram, draft({ postType: 'photo', text: tags, media: [jpeg()] })),
    ).toEqual([{ field: 'text', message: 'has 31 hashtags; Instagram allows 30', limit: 30 }]);
  });
});
