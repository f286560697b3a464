import { describe, expect, it } from 'vitest';
import { validateVariant } from '../variant-validation';
import { WORDPRESS_LIMITS } from './wordpress.limits';

const article = (options: Record<string, unknown>, media: Parameters<typeof validateVariant>[1]['media'] = []) =>
  validateVariant(WORDPRESS_LIMITS, { text: 'Body', postType: 'article', media, options: { title: 'T', ...options } });
const fields = (options: Record<string, unknown>) => article(options).map((v) => v.field);

describe('WordPress article rules', () => {
  it('accepts a full article: status, categories, tags, excerpt, alt text, one featured image', () => {
    const image = { kind: 'image' as const, mimeType: 'image/webp', bytes: 1000 };
    const options = { status: 'draft', categories: ['News'], tags: ['a', 'b'], excerpt: 'Short', altTexts: ['Alt'] };
    expect(article(options, [image])).toEqual([]);
  });

  it('needs a title and at most one image', () => {
    const image = { kind: 'image' as const, mimeType: 'image/png', bytes: 1000 };
    const violations = validateVariant(WORDPRESS_LIMITS, {
      text: 'Body',
      postType: 'article',
      media: [image, image],
      options: {},
    });
    expect(violations.map((v) => v.field)).toEqual(['options.title', 'media', 'media']);
    const gif = { kind: 'gif' as const, mimeType: 'image/gif', bytes: 1000 };
    expect(article({}, [gif])).toEqual([]);
    expect(article({}, [gif, image]).map((v) => v.field)).toEqual(['media']);
  });

  it('names each bad option', () => {
    expect(fields({ status: 'pending' })).toEqual(['options.status']);
    expect(fields({ status: 'future' })).toEqual(['options.publishAt']);
    expect(fields({ status: 'future', publishAt: '2020-01-01T00:00:00Z' })).toEqual(['options.publishAt']);
    expect(fields({ status: 'future', publishAt: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
    expect(fields({ publishAt: '2031-01-01T00:00:00Z' })).toEqual(['options.publishAt']);
    expect(fields({ categories: 'News', tags: ['ok', ' '] })).toEqual(['options.categories', 'options.tags']);
    expect(fields({ tags: ['x'.repeat(201)] })).toEqual(['options.tags[0]']);
    expect(fields({ excerpt: 3 })).toEqual(['options.excerpt']);
    expect(fields({ altTexts: 'Alt' })).toEqual(['options.altTexts']);
  });

  it('takes only articles', () => {
    expect(validateVariant(WORDPRESS_LIMITS, { text: 'Hi', postType: 'status', media: [] })[0]).toMatchObject({
      field: 'postType',
    });
  });
});
