import type { CalendarEntry } from '../core/api.types';

/** A wall-clock time on a day of the workspace zone: minutes after its midnight. */
export interface CalendarSlot {
  date: string;
  minutes: number;
}

/** A drop or a key press that moves a post to another time. */
export interface CalendarMove extends CalendarSlot {
  entry: CalendarEntry;
}

/** The entries a grid cell shows in full, and the rest behind "+N more". */
export interface DenseList {
  heading: string;
  entries: CalendarEntry[];
  /** The day's date when `entries` are only its first few (a month reads days' summaries): the list reads the rest. */
  date?: string;
}

/** A single-time post not yet attempted: the others follow their rule or the engine. */
export function canMove(entry: CalendarEntry): boolean {
  return entry.state === 'scheduled' && !entry.repeat;
}

/** Slots are a quarter of an hour: a drop or a click lands on one. */
export const SLOT_MINUTES = 15;
export const LAST_SLOT = 24 * 60 - SLOT_MINUTES;

export function toSlot(minutes: number): number {
  return Math.min(LAST_SLOT, Math.max(0, Math.floor(minutes / SLOT_MINUTES) * SLOT_MINUTES));
}

export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
