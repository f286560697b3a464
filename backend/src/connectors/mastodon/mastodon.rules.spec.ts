import { describe, expect, it } from 'vitest';
import { countThreadsText, THREADS_LIMITS } from '../threads/threads.limits';
import { validateVariant } from '../variant-validation';
import { instanceNetworkLimits, DEFAULT_INSTANCE_LIMITS } from './mastodon-instance';
import { countMastodonText, MASTODON_LIMITS } from './mastodon.limits';

const image = { kind: 'image' as const, mimeType: 'image/png', bytes: 1000 };

describe('Mastodon and Threads rules', () => {
  it('Mastodon counts a link as 23 characters and a remote mention without its domain', () => {
    expect(countMastodonText(`see https://example.com/${'a'.repeat(80)}`)).toBe(4 + 23);
    expect(countMastodonText('hi @ada@social.example!')).toBe('hi @ada!'.length);
    expect(countMastodonText('👩‍👩‍👧')).toBe(1);
  });

  it('Threads counts an emoji as its UTF-8 bytes and other characters as one', () => {
    expect(countThreadsText('héllo')).toBe(5);
    expect(countThreadsText('hi 👋')).toBe(3 + 4);
  });

  it('validates Mastodon options by name: visibility, language, alt texts per media, multiple only on polls', () => {
    const violations = validateVariant(MASTODON_LIMITS, {
      text: 'Hello',
      postType: 'photo',
      media: [image],
      options: { visibility: 'friends', language: 'English' },
    });
    expect(violations.map((v) => v.field)).toEqual(['options.visibility', 'options.language']);

    const more = validateVariant(MASTODON_LIMITS, {
      text: 'Hello',
      postType: 'photo',
      media: [image],
      options: { altTexts: ['one', 'two'], pollMultiple: true },
    });
    expect(more.map((v) => v.field)).toEqual(['options.pollMultiple', 'options.altTexts']);
  });

  it("an instance's own limits replace the defaults (characters, media, poll choices)", () => {
    const limits = instanceNetworkLimits({
      ...DEFAULT_INSTANCE_LIMITS,
      maxCharacters: 5000,
      maxMediaAttachments: 8,
      pollMaxOptions: 6,
    });
    const photos = Array.from({ length: 6 }, () => image);
    expect(validateVariant(limits, { text: 'a'.repeat(4000), postType: 'photo', media: photos })).toEqual([]);
    expect(
      validateVariant(MASTODON_LIMITS, { text: 'a'.repeat(4000), postType: 'photo', media: photos }).map(
        (v) => v.field,
      ),
    ).toEqual(['text', 'media']);
    expect(limits.postTypes.poll?.poll?.options.max).toBe(6);
  });

  it('validates Threads reply control', () => {
    const violations = validateVariant(THREADS_LIMITS, {
      text: 'Hi',
      postType: 'status',
      media: [],
      options: { replyControl: 'nobody' },
    });
    expect(violations).toEqual([expect.objectContaining({ field: 'options.replyControl' })]);
    expect(
      validateVariant(THREADS_LIMITS, {
        text: 'Hi',
        postType: 'status',
        media: [],
        options: { replyControl: 'mentioned_only' },
      }),
    ).toEqual([]);
  });
});
