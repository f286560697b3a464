import { describe, expect, it } from 'vitest';
import { MB, MediaFacts } from '../network-limits';
import { validateVariant, VariantDraft } from '../variant-validation';
import { PINTEREST_LIMITS } from './pinterest.limits';

const jpeg: MediaFacts = { kind: 'image', mimeType: 'image/jpeg', bytes: 2 * MB, width: 1000, height: 1500 };
const mp4 = (durationSeconds: number): MediaFacts => ({
  kind: 'video',
  mimeType: 'video/mp4',
  bytes: 40 * MB,
  durationSeconds,
  width: 1080,
  height: 1920,
});
const pin = (partial: Partial<VariantDraft>): VariantDraft => ({
  text: 'Creamy lemon pasta',
  postType: 'photo',
  media: [jpeg],
  options: { boardId: '5001' },
  ...partial,
});
const fields = (draft: VariantDraft) => validateVariant(PINTEREST_LIMITS, draft).map((v) => v.field);

describe('Pinterest variant rules', () => {
  it('accepts an image pin on a board with a section, a title and alt text', () => {
    expect(
      fields(
        pin({ options: { boardId: '5001', sectionId: '7001', title: 'Lemon pasta', altText: 'A bowl of pasta' } }),
      ),
    ).toEqual([]);
  });

  it('needs a board, named as options.boardId', () => {
    const [violation] = validateVariant(PINTEREST_LIMITS, pin({ options: {} }));
    expect(violation).toMatchObject({ field: 'options.boardId' });
    expect(violation.message).toContain('choose the Pinterest board');
    expect(fields(pin({ options: { boardId: 5001 } }))).toEqual(['options.boardId']);
  });

  it('limits the title to 100 characters, the description to 500 and alt text to 500', () => {
    expect(fields(pin({ options: { boardId: '1', title: 'x'.repeat(101) } }))).toEqual(['options.title']);
    expect(fields(pin({ text: 'x'.repeat(501) }))).toEqual(['text']);
    expect(fields(pin({ options: { boardId: '1', altText: 'x'.repeat(501) } }))).toEqual(['options.altText']);
  });

  it('takes alt text on image pins only', () => {
    expect(fields(pin({ postType: 'video', media: [mp4(30)], options: { boardId: '1', altText: 'x' } }))).toEqual([
      'options.altText',
    ]);
  });

  it('takes carousels of 2–5 images and videos of 4 s to 15 minutes; never a pin without media', () => {
    expect(fields(pin({ postType: 'carousel', media: [jpeg, jpeg] }))).toEqual([]);
    expect(fields(pin({ postType: 'carousel', media: Array(6).fill(jpeg) }))).toEqual(['media']);
    expect(fields(pin({ postType: 'video', media: [mp4(3)] }))).toEqual(['media[0]']);
    expect(fields(pin({ postType: 'photo', media: [] }))).toEqual(['media']);
    expect(fields(pin({ postType: 'status', media: [] }))).toEqual(['postType']);
  });
});
