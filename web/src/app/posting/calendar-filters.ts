import type { NetworkId } from '../core/api.types';

/** What the calendar shows, as the API and the page's URL name it ('' = any). */
export interface CalendarFilters {
  account: string;
  network: NetworkId | '';
  label: string;
  state: string;
  author: string;
}

export const FILTER_KEYS: (keyof CalendarFilters)[] = ['account', 'network', 'label', 'state', 'author'];

export const NO_FILTERS: CalendarFilters = { account: '', network: '', label: '', state: '', author: '' };

export const STATE_FILTERS: { value: string; label: string }[] = [
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'publishing', label: 'Publishing' },
  { value: 'published', label: 'Published' },
  { value: 'failed', label: 'Failed' },
  { value: 'needs_review', label: 'Needs review' },
];

export function activeFilters(filters: CalendarFilters): Partial<CalendarFilters> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as Partial<CalendarFilters>;
}
