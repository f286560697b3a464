import { optionalArray, requireString, valueAt } from '../oauth2/network-http';
import { PINTEREST_LABEL, PinterestApi } from './pinterest.api';

export interface PinterestSection {
  id: string;
  name: string;
}

export interface PinterestBoard {
  id: string;
  name: string;
  sections: PinterestSection[];
}

/** What a Pinterest account keeps in its settings: the boards (and sections) a pin may go to. */
export interface PinterestSettings {
  boards: PinterestBoard[];
  boardsReadAt: string;
}

/** Pinterest pages lists with a bookmark; 250 is the largest page it serves. */
const PAGE_SIZE = 250;
/** A bound on pages read, so a runaway bookmark cannot loop forever (2,500 boards is far past real accounts). */
const MAX_PAGES = 10;

/** The account's boards with their sections, as connect and the boards refresh store them. */
export async function readBoards(api: PinterestApi, token: string): Promise<PinterestBoard[]> {
  const boards = await readPaged(api, token, '/boards');
  const result: PinterestBoard[] = [];
  for (const board of boards) {
    const id = requireString(board, 'id', PINTEREST_LABEL);
    const sections = await readPaged(api, token, `/boards/${encodeURIComponent(id)}/sections`);
    result.push({
      id,
      name: requireString(board, 'name', PINTEREST_LABEL),
      sections: sections.map((s) => ({
        id: requireString(s, 'id', PINTEREST_LABEL),
        name: requireString(s, 'name', PINTEREST_LABEL),
      })),
    });
  }
  return result;
}

export function boardSettings(boards: PinterestBoard[], now: Date): PinterestSettings {
  return { boards, boardsReadAt: now.toISOString() };
}

/** The boards an account's settings hold (empty when connect stored none). */
export function storedBoards(settings: Readonly<Record<string, unknown>> | undefined): PinterestBoard[] {
  const boards = settings?.boards;
  return Array.isArray(boards) ? (boards as PinterestBoard[]) : [];
}

async function readPaged(api: PinterestApi, token: string, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let bookmark: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ page_size: String(PAGE_SIZE) });
    if (bookmark) query.set('bookmark', bookmark);
    const body = await api.json(token, 'GET', `${path}?${query}`);
    items.push(...optionalArray(body, 'items', PINTEREST_LABEL));
    const next = valueAt(body, 'bookmark');
    if (typeof next !== 'string' || !next) break;
    bookmark = next;
  }
  return items;
}
