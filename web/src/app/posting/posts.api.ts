import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CalendarEntry,
  Label,
  MediaItem,
  Post,
  PostState,
  PublishJob,
  QuotaWarning,
  ScheduleInput,
  VariantPreview,
} from '../core/api.types';

export interface PostInput {
  title?: string;
  text: string;
  labels?: string[];
  variants: {
    accountId: string;
    text?: string;
    mediaIds?: string[];
    link?: string;
    postType?: string;
    options?: Record<string, unknown>;
  }[];
  schedule?: ScheduleInput | null;
}

export interface CalendarRange {
  timeZone: string;
  entries: CalendarEntry[];
  quotaWarnings: QuotaWarning[];
  /** Occurrences left out of the range: rules firing more than the calendar lists for one post. */
  more: number;
}

/** A local day of a range: how many entries of each state, and the first few by planned time. */
export interface CalendarDay {
  date: string;
  total: number;
  counts: Record<string, number>;
  entries: CalendarEntry[];
}

export interface CalendarDays {
  timeZone: string;
  /** Only the days that hold entries, in order. */
  days: CalendarDay[];
  quotaWarnings: QuotaWarning[];
  more: number;
}

export interface BoardColumn {
  state: PostState;
  posts: Post[];
  more: boolean;
}

/** The posts API as promises; errors are the API's problem responses (see FormErrors). */
@Injectable({ providedIn: 'root' })
export class PostsApi {
  private readonly http = inject(HttpClient);

  get(id: string): Promise<Post> {
    return firstValueFrom(this.http.get<Post>(`/api/v1/posts/${id}`));
  }

  create(input: PostInput): Promise<Post> {
    return firstValueFrom(this.http.post<Post>('/api/v1/posts', input));
  }

  update(id: string, input: Partial<PostInput>): Promise<Post> {
    return firstValueFrom(this.http.patch<Post>(`/api/v1/posts/${id}`, input));
  }

  async preview(input: PostInput): Promise<VariantPreview[]> {
    return (await firstValueFrom(this.http.post<{ variants: VariantPreview[] }>('/api/v1/posts/preview', input)))
      .variants;
  }

  reschedule(id: string, schedule: ScheduleInput): Promise<Post> {
    return firstValueFrom(this.http.post<Post>(`/api/v1/posts/${id}/reschedule`, { schedule }));
  }

  move(id: string, to: 'draft' | 'scheduled' | 'pending_approval'): Promise<Post> {
    return firstValueFrom(this.http.post<Post>(`/api/v1/posts/${id}/move`, { to }));
  }

  /** Asks the team to approve a draft (`POST /approvals`); the post waits in Pending approval. */
  /** `schedule`: the one it was composed with, applied when it is approved. */
  async submitForApproval(id: string, schedule?: ScheduleInput | null): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/approvals', { postId: id, ...(schedule && { schedule }) }));
  }

  duplicate(id: string): Promise<Post> {
    return firstValueFrom(this.http.post<Post>(`/api/v1/posts/${id}/duplicate`, {}));
  }

  async remove(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/v1/posts/${id}`));
  }

  /** A page of a post's attempts, newest occurrence first; `cursor` (a `nextCursor`) asks for older ones. */
  attempts(id: string, cursor?: string | null): Promise<{ items: PublishJob[]; nextCursor: string | null }> {
    const params: Record<string, string> = cursor ? { cursor } : {};
    return firstValueFrom(
      this.http.get<{ items: PublishJob[]; nextCursor: string | null }>(`/api/v1/posts/${id}/attempts`, { params }),
    );
  }

  /** `filters`: account, network, label (name), state, author; empty values are left out. */
  calendar(from: string, to: string, filters: Record<string, string> = {}): Promise<CalendarRange> {
    const params: Record<string, string> = { from, to };
    for (const [key, value] of Object.entries(filters)) if (value) params[key] = value;
    return firstValueFrom(this.http.get<CalendarRange>('/api/v1/calendar', { params }));
  }

  /** Each day of the range with its counts and first `perDay` entries (a month or week view); filters as `calendar`. */
  calendarDays(from: string, to: string, filters: Record<string, string> = {}, perDay = 6): Promise<CalendarDays> {
    const params: Record<string, string> = { from, to, perDay: String(perDay) };
    for (const [key, value] of Object.entries(filters)) if (value) params[key] = value;
    return firstValueFrom(this.http.get<CalendarDays>('/api/v1/calendar/days', { params }));
  }

  /** Every entry of one day (yyyy-mm-dd in the workspace zone), in planned-time order, read page by page. */
  async calendarDay(date: string, filters: Record<string, string> = {}): Promise<CalendarEntry[]> {
    const entries: CalendarEntry[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { date, limit: '100', ...(cursor ? { cursor } : {}) };
      for (const [key, value] of Object.entries(filters)) if (value) params[key] = value;
      const page: { items: CalendarEntry[]; nextCursor: string | null } = await firstValueFrom(
        this.http.get<{ items: CalendarEntry[]; nextCursor: string | null }>('/api/v1/calendar/day', { params }),
      );
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return entries;
  }

  /** The workspace's labels by name. */
  async labels(): Promise<Label[]> {
    return (await firstValueFrom(this.http.get<{ items: Label[] }>('/api/v1/labels'))).items;
  }

  async board(): Promise<BoardColumn[]> {
    return (await firstValueFrom(this.http.get<{ columns: BoardColumn[] }>('/api/v1/board'))).columns;
  }

  /** A fixed copy of an image for a network's rules (crop, convert, shrink); the original is kept. */
  autoFix(id: string, network: string): Promise<MediaItem> {
    return firstValueFrom(this.http.post<MediaItem>(`/api/v1/media/${id}/auto-fix`, { network }));
  }

  async fixes(id: string, network: string): Promise<{ kind: string; description: string }[]> {
    return (
      await firstValueFrom(
        this.http.get<{ fixes: { kind: string; description: string }[] }>(`/api/v1/media/${id}/fixes`, {
          params: { network },
        }),
      )
    ).fixes;
  }

  media(id: string): Promise<MediaItem> {
    return firstValueFrom(this.http.get<MediaItem>(`/api/v1/media/${id}`));
  }
}
