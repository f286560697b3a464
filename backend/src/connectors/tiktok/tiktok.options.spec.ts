import { describe, expect, it } from 'vitest';
import { validateVariant, VariantDraft } from '../variant-validation';
import { TIKTOK_LIMITS } from './tiktok.limits';

const video = { kind: 'video' as const, mimeType: 'video/mp4', bytes: 1000, durationSeconds: 30 };
const image = { kind: 'image' as const, mimeType: 'image/jpeg', bytes: 1000 };
const fields = (d: Partial<VariantDraft>) =>
  validateVariant(TIKTOK_LIMITS, { text: 'Dumplings', postType: 'video', media: [video], ...d }).map(
    (v) => `${v.field}: ${v.message}`,
  );

describe('TikTok variant rules', () => {
  it('needs a privacy choice for direct posts but not for the inbox', () => {
    expect(fields({ options: {} })).toEqual(['options.privacy: is required: choose who can see the TikTok post']);
    expect(fields({ options: { mode: 'inbox' } })).toEqual([]);
    expect(fields({ options: { privacy: 'SELF_ONLY', allowComments: true, allowDuet: true } })).toEqual([]);
  });

  it('names each refused option', () => {
    expect(fields({ options: { mode: 'draft', privacy: 'EVERYONE', allowStitch: 'yes' } })).toEqual([
      'options.mode: must be one of direct, inbox',
      'options.privacy: must be one of PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR, SELF_ONLY',
      'options.allowStitch: must be true or false',
    ]);
    expect(fields({ postType: 'photo', media: [image], options: { privacy: 'SELF_ONLY', allowDuet: true } })).toEqual([
      'options.allowDuet: Duet and Stitch are for videos only',
    ]);
  });

  it('refuses PNG photos and videos over 10 minutes', () => {
    expect(
      fields({ postType: 'photo', media: [{ ...image, mimeType: 'image/png' }], options: { privacy: 'SELF_ONLY' } }),
    ).toEqual(['media[0]: image/png is not accepted; use image/jpeg, image/webp']);
    expect(fields({ media: [{ ...video, durationSeconds: 700 }], options: { privacy: 'SELF_ONLY' } })).toEqual([
      'media[0]: lasts 700 s; allowed 3–600 s',
    ]);
  });

  it('allows a photo post 4,000 characters of description but a video 2,200 of caption', () => {
    const text = 'a'.repeat(3000);
    expect(fields({ postType: 'photo', media: [image], text, options: { privacy: 'SELF_ONLY' } })).toEqual([]);
    expect(fields({ text, options: { privacy: 'SELF_ONLY' } })).toEqual([
      'text: is 3000 characters; TikTok allows 2200',
    ]);
  });
});
