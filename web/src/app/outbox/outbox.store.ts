import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { OutboxEmail, Page } from '../core/api.types';
import { KeysetStore } from '../core/keyset-store';

/** Emails the workspace sent, newest first. Provided by the page. */
@Injectable()
export class OutboxStore extends KeysetStore<OutboxEmail> {
  private readonly http = inject(HttpClient);

  protected fetchPage(cursor: string | null): Promise<Page<OutboxEmail>> {
    let params = new HttpParams().set('limit', 25);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<OutboxEmail>>('/api/v1/outbox', { params }));
  }
}
