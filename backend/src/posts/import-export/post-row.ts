import { DateTime } from 'luxon';
import { POST_TYPES, PostType } from '../../connectors/network-limits';
import { ImportedPost, SheetColumn } from './sheet-format';

export type RowCells = Partial<Record<SheetColumn, string>>;
type Problem = (field: SheetColumn, message: string) => void;

/** One data row as a post; every bad cell is reported through `problem`. */
export function readPostRow(cells: RowCells, zone: string, problem: Problem): ImportedPost {
  const text = cells.text ?? '';
  const accounts = splitList(cells.accounts, /[;,]/);
  const mediaUrls = splitList(cells.media_urls, ';');
  if (!accounts.length) problem('accounts', 'is required: name at least one account');
  if (!text.trim() && !mediaUrls.length) problem('text', 'is required unless the row has media_urls');
  for (const url of mediaUrls.filter((u) => !isHttpUrl(u))) problem('media_urls', `${url} is not an http(s) URL`);
  const link = cells.link?.trim() || null;
  if (link && !isHttpUrl(link)) problem('link', `${link} is not an http(s) URL`);
  const labels = splitList(cells.labels, ';');
  checkBounds({ text, accounts, mediaUrls, link, labels }, problem);
  return {
    text,
    accounts,
    scheduledAt: readScheduledAt(cells.scheduled_at?.trim() ?? '', zone, problem),
    postType: readPostType(cells.post_type?.trim().toLowerCase() || 'status', problem),
    link,
    labels,
    mediaUrls,
  };
}

/**
 * The bounds a post has through the API (CreatePostDto's decorators). Checked here rather than by
 * running class-validator over a DTO per row, which costs ~0.7 ms a row: most of a 100,000-row import.
 */
const BOUNDS = { text: 10_000, accounts: 50, labels: 20, label: 50, link: 2048, media: 20 };

function checkBounds(
  post: Pick<ImportedPost, 'text' | 'accounts' | 'mediaUrls' | 'link' | 'labels'>,
  problem: Problem,
): void {
  if (post.text.length > BOUNDS.text) problem('text', `must be at most ${BOUNDS.text} characters`);
  if (post.accounts.length > BOUNDS.accounts) problem('accounts', `names more than ${BOUNDS.accounts} accounts`);
  if (post.mediaUrls.length > BOUNDS.media) problem('media_urls', `holds more than ${BOUNDS.media} addresses`);
  if (post.link && post.link.length > BOUNDS.link) problem('link', `must be at most ${BOUNDS.link} characters`);
  if (post.labels.length > BOUNDS.labels) problem('labels', `holds more than ${BOUNDS.labels} labels`);
  for (const label of post.labels.filter((l) => l.length > BOUNDS.label)) {
    problem('labels', `${label.slice(0, 20)}… is longer than ${BOUNDS.label} characters`);
  }
}

const splitList = (value = '', separator: string | RegExp) =>
  value
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);

function readPostType(value: string, problem: Problem): PostType {
  if (!(POST_TYPES as readonly string[]).includes(value)) {
    problem('post_type', `${value} is not a post type; use one of ${POST_TYPES.join(', ')}`);
  }
  return value as PostType;
}

const ISO_OFFSET = /(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/;

/** ISO 8601 with an offset, or local `YYYY-MM-DD HH:mm` in the workspace zone; empty means draft. */
/** LOCAL_TIME_FORMAT as a pattern: Luxon's `fromFormat` builds its parser anew on every call (~60 µs a row). */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

function readScheduledAt(value: string, zone: string, problem: Problem): Date | null {
  if (!value) return null;
  const parts = LOCAL_TIME.exec(value)?.slice(1).map(Number);
  const [year, month, day, hour, minute] = parts ?? [];
  const local = parts ? DateTime.fromObject({ year, month, day, hour, minute }, { zone }) : null;
  if (local?.isValid) {
    // Luxon moves a time inside a DST gap forward; a moved time never existed on the wall clock.
    if (local.day === day && local.hour === hour && local.minute === minute) return local.toJSDate();
    problem('scheduled_at', `${value} does not exist in ${zone} (the clocks skip it)`);
    return null;
  }
  const iso = DateTime.fromISO(value, { setZone: true });
  if (iso.isValid && ISO_OFFSET.test(value)) return iso.toJSDate();
  problem('scheduled_at', `${value} is not a time; use YYYY-MM-DD HH:mm (in ${zone}) or ISO 8601 with an offset`);
  return null;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
