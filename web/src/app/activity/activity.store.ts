import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { ActivityEntry, Page } from '../core/api.types';
import { KeysetStore } from '../core/keyset-store';

export const ACTIVITY_PAGE_SIZE = 25;

/** The workspace's audit log, newest first. Provided by the page. */
@Injectable()
export class ActivityStore extends KeysetStore<ActivityEntry> {
  private readonly http = inject(HttpClient);

  protected fetchPage(cursor: string | null): Promise<Page<ActivityEntry>> {
    let params = new HttpParams().set('limit', ACTIVITY_PAGE_SIZE);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<ActivityEntry>>('/api/v1/activity', { params }));
  }
}
