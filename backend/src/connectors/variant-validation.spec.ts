import { describe, expect, it } from 'vitest';
import { MB, MediaFacts, NetworkLimits } from './network-limits';
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
    expect(
      validateVariant(
        NETWORK_LIMITS.x,
        draft({ postType: 'poll', options: { pollOptions: ['yes'], pollDurationMinutes: 60 } }),
      ),
    ).toEqual([{ field: 'options.pollOptions', message: 'need 2–4 choices; this poll has 1', limit: '2–4' }]);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    expect(
      validateVariant(NETWORK_LIMITS.instagram, draft({ postType: 'photo', text: tags, media: [jpeg()] })),
    ).toEqual([{ field: 'text', message: 'has 31 hashtags; Instagram allows 30', limit: 30 }]);
  });

  it('checks poll choices one by one and the poll length against what the network takes', () => {
    const poll = (limits: NetworkLimits, options: Record<string, unknown>) =>
      validateVariant(limits, draft({ postType: 'poll', options }));
    expect(poll(NETWORK_LIMITS.sandbox, { pollOptions: ['Yes', 'No'], pollDurationMinutes: 1440 })).toEqual([]);
    expect(poll(NETWORK_LIMITS.x, { pollOptions: [' ', 'y'.repeat(26)], pollDurationMinutes: 4 })).toEqual([
      { field: 'options.pollOptions[0]', message: '(choice 1) is empty' },
      {
        field: 'options.pollOptions[1]',
        message: '(choice 2) is 26 characters; the limit is 25',
        limit: 25,
      },
      { field: 'options.pollDurationMinutes', message: 'must be between 5 minutes and 7 days', limit: '5–10080' },
    ]);
    // LinkedIn takes four lengths only, and a question.
    expect(poll(NETWORK_LIMITS.linkedin, { pollOptions: ['A', 'B'], pollDurationMinutes: 120 })).toEqual([
      {
        field: 'options.pollDurationMinutes',
        message: 'must be one of 1 day, 3 days, 7 days, 14 days',
        limit: '1440, 4320, 10080, 20160',
      },
      { field: 'options.title', message: '(Poll question) is required' },
    ]);
    expect(poll(NETWORK_LIMITS.x, { pollOptions: ['A', 'B'] })).toEqual([
      { field: 'options.pollDurationMinutes', message: 'is required: choose how long the poll stays open' },
    ]);
  });

  it('refuses options the post type or the network does not take, naming the option', () => {
    expect(validateVariant(NETWORK_LIMITS.x, draft({ options: { pollOptions: ['A', 'B'] } }))).toEqual([
      { field: 'options.pollOptions', message: 'are only for poll posts, not status posts' },
    ]);
    expect(validateVariant(NETWORK_LIMITS.x, draft({ options: { title: 'Hi', firstComment: 'More below' } }))).toEqual([
      { field: 'options.title', message: 'is not shown on X status posts' },
      { field: 'options.firstComment', message: 'cannot be added on X yet' },
    ]);
    expect(validateVariant(NETWORK_LIMITS.sandbox, draft({ options: { firstComment: 'c'.repeat(501) } }))).toEqual([
      { field: 'options.firstComment', message: 'is 501 characters; Sandbox allows 500', limit: 500 },
    ]);
    const video = draft({ postType: 'video', media: [mp4(30)], options: { title: 't'.repeat(101) } });
    expect(validateVariant(NETWORK_LIMITS.sandbox, video)).toEqual([
      { field: 'options.title', message: '(Video title) is 101 characters; the limit is 100', limit: 100 },
    ]);
  });

  it('names an option whose value has the wrong shape instead of reading it', () => {
    expect(
      validateVariant(
        NETWORK_LIMITS.sandbox,
        draft({ postType: 'poll', options: { pollOptions: 'Yes, No', pollDurationMinutes: 1.5, title: 3 } }),
      ),
    ).toEqual([
      { field: 'options.pollOptions', message: 'must be a list of texts' },
      { field: 'options.pollDurationMinutes', message: 'must be a whole number of minutes' },
      { field: 'options.title', message: 'must be a text' },
    ]);
  });
});
