import { PostType } from '../../connectors/network-limits';

/** One post as a sheet row holds it. */
export interface ImportedPost {
  text: string;
  accounts: string[];
  scheduledAt: Date | null;
  postType: PostType;
  link: string | null;
  labels: string[];
  mediaUrls: string[];
}

export type SheetFormat = 'csv' | 'xlsx';

/** One bad cell (or, on row 1, a bad header). */
export interface SheetRowError {
  /** The sheet's own row number (the header is row 1), so a person can find it. */
  row: number;
  field: string;
  message: string;
}

/** The columns, in the order export writes them. */
export const SHEET_COLUMNS = ['text', 'accounts', 'scheduled_at', 'post_type', 'link', 'labels', 'media_urls'] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];

/** How local (zone-less) times are written and read. */
export const LOCAL_TIME_FORMAT = 'yyyy-MM-dd HH:mm';

export type SheetFormatProblem = 'not_a_sheet' | 'unreadable' | 'no_header' | 'too_many_rows';

/** The file as a whole cannot be imported; `problem` lets the API pick a response. */
export class SheetFormatError extends Error {
  constructor(
    readonly problem: SheetFormatProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SheetFormatError';
  }
}
