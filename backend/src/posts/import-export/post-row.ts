import { DateTime } from 'luxon';
import { POST_TYPES, PostType } from '../../connectors/network-limits';
import { ImportedPost, LOCAL_TIME_FORMAT, SheetColumn } from './sheet-format';

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
  return {
    text,
    accounts,
    scheduledAt: readScheduledAt(cells.scheduled_at?.trim() ?? '', zone, problem),
    postType: readPostType(cells.post_type?.trim().toLowerCase() || 'status', problem),
    link,
    labels: splitList(cells.labels, ';'),
    mediaUrls,
  };
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
function readScheduledAt(value: string, zone: string, problem: Problem): Date | null {
  if (!value) return null;
  const local = DateTime.fromFormat(value, LOCAL_TIME_FORMAT, { zone });
  if (local.isValid) {
    // Luxon moves a time inside a DST gap forward; a moved time never existed on the wall clock.
    if (local.toFormat(LOCAL_TIME_FORMAT) === value) return local.toJSDate();
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
