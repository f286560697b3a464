import { describe, expect, it } from 'vitest';
import { validateVariant, VariantDraft } from '../variant-validation';
import { YOUTUBE_LIMITS } from './youtube.limits';
import { tagCharacters, youtubeOptions } from './youtube.options';

const video = {
  kind: 'video' as const,
  mimeType: 'video/mp4',
  bytes: 1000,
  width: 1080,
  height: 1920,
  durationSeconds: 45,
};
const draft = (overrides: Partial<VariantDraft> = {}): VariantDraft => ({
  text: 'Behind the scenes',
  postType: 'video',
  media: [video],
  options: { title: 'Studio tour' },
  ...overrides,
});
const fields = (d: VariantDraft) => validateVariant(YOUTUBE_LIMITS, d).map((v) => `${v.field}: ${v.message}`);

describe('YouTube variant rules', () => {
  it('accepts a titled video with its options', () => {
    expect(
      fields(
        draft({
          options: {
            title: 'Studio tour',
            privacy: 'unlisted',
            categoryId: '27',
            tags: ['studio', 'behind the scenes'],
            madeForKids: false,
          },
        }),
      ),
    ).toEqual([]);
  });

  it('names each refused option', () => {
    expect(
      fields(
        draft({
          options: { title: 'A <b> title', privacy: 'friends', categoryId: 'music', madeForKids: 'no', tags: [''] },
        }),
      ),
    ).toEqual([
      'options.privacy: must be one of public, unlisted, private',
      'options.madeForKids: must be true or false',
      'options.categoryId: must be a YouTube video category id such as "22"',
      'options.tags: must be a list of non-empty texts',
      'options.title: cannot contain < or > on YouTube',
    ]);
    expect(fields(draft({ options: {} }))).toEqual(['options.title: (Video title) is required']);
  });

  it('keeps a scheduled video private and refuses publishAt with a public privacy', () => {
    expect(fields(draft({ options: { title: 't', publishAt: 'tomorrow' } }))).toEqual([
      'options.publishAt: must be a date and time (ISO 8601)',
    ]);
    expect(fields(draft({ options: { title: 't', publishAt: '2027-01-01T10:00:00Z', privacy: 'public' } }))[0]).toMatch(
      /^options\.publishAt: needs privacy "private"/,
    );
    expect(youtubeOptions({ title: 't', publishAt: '2027-01-01T10:00:00Z' })).toMatchObject({
      privacy: 'private',
      publishAt: '2027-01-01T10:00:00.000Z',
      categoryId: '22',
    });
  });

  it("counts tags YouTube's way: commas between, quotes around tags with spaces", () => {
    expect(tagCharacters(['a', 'b c'])).toBe(1 + 1 + 5);
    const tags = Array.from({ length: 50 }, (_, i) => `tag number ${i}`);
    expect(fields(draft({ options: { title: 't', tags } }))[0]).toMatch(
      /^options\.tags: take \d+ characters together; YouTube allows 500/,
    );
  });

  it('takes only vertical or square Shorts of at most 3 minutes, and counts the description in bytes', () => {
    expect(fields(draft({ postType: 'short' }))).toEqual([]);
    expect(
      fields(draft({ postType: 'short', media: [{ ...video, width: 1920, height: 1080, durationSeconds: 200 }] })),
    ).toEqual([
      'media[0]: lasts 200 s; a YouTube Short is at most 180 s',
      'media[0]: is landscape; a YouTube Short is vertical or square',
    ]);
    expect(fields(draft({ text: 'é'.repeat(2501) }))).toEqual(['text: is 5002 characters; YouTube allows 5000']);
  });
});
