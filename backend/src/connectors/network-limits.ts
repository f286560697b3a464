/** Networks the platform publishes to (Sandbox is the built-in demo network). */
export const NETWORK_IDS = [
  'sandbox',
  'facebook',
  'instagram',
  'x',
  'linkedin',
  'bluesky',
  'mastodon',
  'threads',
  'telegram',
  'wordpress',
  'pinterest',
  'youtube',
  'tiktok',
  'google-business',
] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

export const POST_TYPES = [
  'status',
  'link',
  'photo',
  'gif',
  'video',
  'reel',
  'story',
  'short',
  'poll',
  'document',
  'carousel',
  'article',
] as const;
export type PostType = (typeof POST_TYPES)[number];

export type MediaKind = 'image' | 'gif' | 'video' | 'document';

/** What a rule knows about one attached media item (from the media library's probe). */
export interface MediaFacts {
  kind: MediaKind;
  mimeType: string;
  bytes: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  pages?: number;
}

export interface Range {
  min: number;
  max: number;
}

/** "2–4", or "1" when both ends are the same. */
export const rangeText = (range: Range): string =>
  range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`;

export interface MediaRule {
  mimeTypes: string[];
  maxBytes: number;
  /** width / height, inclusive. */
  aspectRatio?: Range;
  durationSeconds?: Range;
  maxPages?: number;
}

/** What one post type accepts on one network. */
export interface PostTypeRule {
  /** How many media items, by kind; a kind not listed is not allowed. */
  media: Partial<Record<MediaKind, Range>>;
  /** Total items when several kinds may mix (carousels). */
  totalMedia?: Range;
  requiresLink?: boolean;
  allowsLink?: boolean;
  requiresText?: boolean;
  poll?: PollRule;
  /** A title the network shows with the post (a video's, a document's, an article's). */
  title?: TitleRule;
  /** A shorter text limit for this post type (Telegram's 1,024-character captions); else the network's. */
  maxTextLength?: number;
}

/** A poll's choices and how long it stays open. */
export interface PollRule {
  options: Range;
  /** Characters per choice. */
  maxOptionLength: number;
  /** Whole minutes the network accepts. */
  durationMinutes: Range;
  /** The lengths the composer offers, in minutes; `onlyChoices`: the network takes no other. */
  durationChoices: number[];
  onlyChoices?: boolean;
  /** The poll stays open until closed by hand unless a duration is given (Telegram). */
  durationOptional?: boolean;
}

export interface TitleRule {
  /** What the network calls it ("Video title"). */
  label: string;
  maxLength: number;
  required?: boolean;
}

/** A network's constraints as data; one validator (variant-validation.ts) reads every network's. */
export interface NetworkLimits {
  network: NetworkId;
  label: string;
  maxTextLength: number;
  /** The network's own way of counting (X weighs URLs and emoji). */
  countText(text: string): number;
  maxHashtags?: number;
  /** The connector can add a first comment under the post (`options.firstComment`). */
  firstComment?: { maxLength: number };
  postTypes: Partial<Record<PostType, PostTypeRule>>;
  media: Partial<Record<MediaKind, MediaRule>>;
}

/** One segmenter for every count: building one costs far more than segmenting a post's text. */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Printable ASCII, tabs and line feeds: one character is one grapheme (a CR LF pair is not). */
const SIMPLE_TEXT = /^[\x20-\x7e\t\n]*$/;

/** Counts user-perceived characters (grapheme clusters), as most networks do. */
export const countGraphemes = (text: string): number => {
  if (SIMPLE_TEXT.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
};

export const MB = 1024 * 1024;
