import stopwords from 'stopwords-en';

const STOP_WORDS = new Set(stopwords);
/** Number words the stop list lacks: a count is never a topic (the offline writer once tagged #Five). */
const NUMBER_WORDS = new Set(
  'thirteen fourteen sixteen seventeen eighteen nineteen dozen dozens hundreds thousands millions tenth eleventh twelfth twentieth hundredth thousandth'.split(
    ' ',
  ),
);

/** A hashtag as networks read it: # then letters, digits or _, with at least one letter. */
const HASHTAG = /(?:^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** The longest tag kept (the column's size); longer ones are not real hashtags. */
export const MAX_TAG_LENGTH = 100;

/** The lower-cased key a hashtag is counted under (without #). */
export const tagKey = (tag: string) => tag.replace(/^#/, '').toLowerCase();

/** The hashtags of `text`, each once (by key), as written, without #. */
export function hashtagsIn(text: string): string[] {
  const found = new Map<string, string>();
  for (const [, tag] of text.matchAll(HASHTAG)) {
    if (tag.length <= MAX_TAG_LENGTH && !found.has(tagKey(tag))) found.set(tagKey(tag), tag);
  }
  return [...found.values()];
}

/**
 * The words of `text` that can name a topic, lower-cased, most frequent first (ties
 * alphabetically): at least four letters, not a stop word, not a number or number word, not
 * already a hashtag or a mention.
 */
export function meaningfulWords(text: string): string[] {
  const frequency = new Map<string, number>();
  const words =
    text
      .replace(/[#@][\p{L}\p{N}_]+/gu, ' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  for (const raw of words) {
    const word = raw.replace(/['’](s)?$/u, '');
    if (!/^\p{L}{4,}$/u.test(word) || STOP_WORDS.has(word) || NUMBER_WORDS.has(word)) continue;
    frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  return [...frequency].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}
