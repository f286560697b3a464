import { describe, expect, it } from 'vitest';
import { ConnectorFailure } from '../connector';
import type { MediaFacts } from '../network-limits';
import { validateVariant } from '../variant-validation';
import { BLUESKY_LIMITS } from './bluesky.limits';
import { blueskyOptions } from './bluesky.options';

const image: MediaFacts = { kind: 'image', mimeType: 'image/png', bytes: 200_000, width: 800, height: 600 };
const check = (options: Record<string, unknown>, media: MediaFacts[] = []) =>
  validateVariant(BLUESKY_LIMITS, { text: 'Hello', postType: media.length ? 'photo' : 'status', media, options });

describe('Bluesky options in the composer and before publishing', () => {
  it('takes a thread of short replies and one alt text per image', () => {
    expect(check({ thread: ['two', 'three 🧵'], altTexts: ['A loaf', 'A crumb'] }, [image, image])).toEqual([]);
  });

  it('names each reply that is empty or over 300 graphemes (an emoji family counts once)', () => {
    const family = '👩‍👩‍👧'.repeat(300);
    expect(check({ thread: [family, ' ', family + 'x'] })).toEqual([
      { field: 'options.thread[1]', message: '(reply 2) is empty' },
      { field: 'options.thread[2]', message: '(reply 3) is 301 characters; Bluesky allows 300', limit: 300 },
    ]);
    expect(check({ thread: Array.from({ length: 26 }, () => 'x') })[0]).toMatchObject({
      field: 'options.thread',
      limit: 25,
    });
    expect(check({ thread: 'not a list' })).toEqual([{ field: 'options.thread', message: 'must be a list of texts' }]);
  });

  it('refuses more alt texts than media, and alt text over 2,000 characters', () => {
    expect(check({ altTexts: ['one', 'two'] }, [image])).toEqual([
      { field: 'options.altTexts', message: 'has 2 texts for 1 media items' },
    ]);
    expect(check({ altTexts: ['a'.repeat(2001)] }, [image])[0]).toMatchObject({
      field: 'options.altTexts[0]',
      limit: 2000,
    });
  });

  it('refuses a broken variant at publish time as the post’s fault, not a retry', () => {
    const error = (() => {
      try {
        return blueskyOptions({ thread: [''] }, 'status', 0);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConnectorFailure);
    expect((error as ConnectorFailure).failure).toEqual({
      kind: 'bad-request',
      reason: 'Bluesky post options.thread[0] (reply 1) is empty',
    });
    expect(blueskyOptions({}, 'status', 0)).toEqual({ thread: [], altTexts: [] });
  });
});
