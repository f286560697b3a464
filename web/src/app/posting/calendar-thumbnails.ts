import { inject, Injectable, signal } from '@angular/core';
import type { CalendarEntry } from '../core/api.types';
import { PostsApi } from './posts.api';

/** At most this many thumbnails are asked for at once: a busy week must not flood the server. */
const PARALLEL = 6;

/**
 * Thumbnails of the calendar's entries by media id, loaded as the entries shown need them (their
 * URLs are signed per item). An item that has none, or cannot be read, shows the media icon.
 */
@Injectable()
export class CalendarThumbnails {
  private readonly api = inject(PostsApi);
  private readonly _urls = signal<Partial<Record<string, string>>>({});
  private readonly asked = new Set<string>();
  readonly urls = this._urls.asReadonly();

  async loadFor(entries: CalendarEntry[]): Promise<void> {
    const missing = [...new Set(entries.map((e) => e.mediaId).filter((id): id is string => !!id))].filter(
      (id) => !this.asked.has(id),
    );
    missing.forEach((id) => this.asked.add(id));
    for (let i = 0; i < missing.length; i += PARALLEL) {
      const loaded = await Promise.all(missing.slice(i, i + PARALLEL).map((id) => this.thumbnailOf(id)));
      const found = loaded.filter((l): l is [string, string] => l !== null);
      if (found.length) this._urls.update((urls) => ({ ...urls, ...Object.fromEntries(found) }));
    }
  }

  private async thumbnailOf(id: string): Promise<[string, string] | null> {
    try {
      const item = await this.api.media(id);
      const url = item.thumbnailUrl ?? (item.kind === 'image' || item.kind === 'gif' ? item.url : null);
      return url ? [id, url] : null;
    } catch {
      // A deleted item: the entry keeps its media icon.
      return null;
    }
  }
}
