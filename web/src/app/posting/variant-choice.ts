import type { MediaItem } from '../core/api.types';
import type { NetworkRules, PostTypeRule } from './network-rules';
import { networkOptions } from './option-fields';

/** What the person chose for one account's variant: its post type and the options that type takes. */
export interface VariantChoice {
  /** Null: the server picks (photo when there are images, link when there is a link …). */
  postType: string | null;
  pollOptions: string[];
  pollDurationMinutes: number | null;
  title: string;
  firstComment: string;
  /** Media ids in the order this account shows them (a carousel's order); others follow. */
  mediaOrder: string[];
  /** Other options: the network's own (its optionFields' inputs) and any set through the API (X's thread). */
  kept: Record<string, unknown>;
}

const COMPOSER_OPTIONS = ['pollOptions', 'pollDurationMinutes', 'title', 'firstComment'];

export const emptyChoice = (): VariantChoice => ({
  postType: null,
  pollOptions: ['', ''],
  pollDurationMinutes: null,
  title: '',
  firstComment: '',
  mediaOrder: [],
  kept: {},
});

/** A saved variant's type, options and media order back in the form's terms (editing, templates). */
export function choiceFrom(
  postType: string | null,
  options: Record<string, unknown> | undefined,
  mediaIds: string[] = [],
): VariantChoice {
  const o = options ?? {};
  const text = (key: string) => (typeof o[key] === 'string' ? (o[key] as string) : '');
  return {
    ...emptyChoice(),
    postType,
    ...(Array.isArray(o['pollOptions']) && { pollOptions: o['pollOptions'] as string[] }),
    pollDurationMinutes: typeof o['pollDurationMinutes'] === 'number' ? (o['pollDurationMinutes'] as number) : null,
    title: text('title'),
    firstComment: text('firstComment'),
    mediaOrder: mediaIds,
    kept: Object.fromEntries(Object.entries(o).filter(([key]) => !COMPOSER_OPTIONS.includes(key))),
  };
}

/**
 * The options to send for a variant: only those its type and network take, so switching from a
 * poll to a photo leaves no poll behind. Empty choices are sent as typed: the server names them.
 */
export function variantOptions(rules: NetworkRules | undefined, choice: VariantChoice, type: string | null) {
  const rule: PostTypeRule | undefined = rules?.postTypes.find((p) => p.type === type);
  const options = networkOptions(rules?.optionFields ?? [], choice.kept, type);
  if (rule?.poll) {
    options['pollOptions'] = choice.pollOptions.map((o) => o.trim());
    if (choice.pollDurationMinutes !== null) options['pollDurationMinutes'] = choice.pollDurationMinutes;
  }
  if (rule?.title && choice.title.trim()) options['title'] = choice.title.trim();
  if (rules?.firstComment && choice.firstComment.trim()) options['firstComment'] = choice.firstComment.trim();
  return options;
}

/** The media in this account's order: ids it ordered first, then any attached since. */
export function orderedMedia(media: MediaItem[], order: string[]): MediaItem[] {
  const rank = (m: MediaItem) => {
    const at = order.indexOf(m.id);
    return at < 0 ? order.length + media.indexOf(m) : at;
  };
  return [...media].sort((a, b) => rank(a) - rank(b));
}
