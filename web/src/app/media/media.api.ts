import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom, Observable } from 'rxjs';
import type { Page } from '../core/api.types';
import type {
  AspectRatios,
  EditOperation,
  LibraryItem,
  LibraryItemDetail,
  MediaFilter,
  MediaFolder,
  MediaPatch,
  TagCount,
} from './media.types';

export const MEDIA_PAGE_SIZE = 40;

/** The media library's API as promises (the interceptor adds the workspace); errors are problem responses. */
@Injectable({ providedIn: 'root' })
export class MediaApi {
  private readonly http = inject(HttpClient);

  list(filter: MediaFilter, cursor: string | null, limit = MEDIA_PAGE_SIZE): Promise<Page<LibraryItem>> {
    let params = new HttpParams().set('limit', limit);
    const { from, to, ...rest } = filter;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined && value !== '' && value !== false) params = params.set(key, String(value));
    }
    // The date fields are whole days in the browser's zone; "to" includes the day it names.
    if (from) params = params.set('from', new Date(`${from}T00:00:00`).toISOString());
    if (to) params = params.set('to', new Date(`${to}T23:59:59.999`).toISOString());
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<LibraryItem>>('/api/v1/media', { params }));
  }

  get(id: string): Promise<LibraryItemDetail> {
    return firstValueFrom(this.http.get<LibraryItemDetail>(`/api/v1/media/${id}`));
  }

  /** The upload as it happens: progress events, then the response with the new item. */
  upload(file: File): Observable<HttpEvent<LibraryItem>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<LibraryItem>('/api/v1/media', form, { reportProgress: true, observe: 'events' });
  }

  update(id: string, patch: MediaPatch): Promise<LibraryItem> {
    return firstValueFrom(this.http.patch<LibraryItem>(`/api/v1/media/${id}`, patch));
  }

  /** `confirm`: delete even though drafts use it (they lose the item). */
  async remove(id: string, confirm = false): Promise<void> {
    const params: Record<string, string> = confirm ? { confirm: 'true' } : {};
    await firstValueFrom(this.http.delete(`/api/v1/media/${id}`, { params }));
  }

  /** A new item made by the operations, in order; the original is kept. */
  edit(id: string, operations: EditOperation[]): Promise<LibraryItem> {
    return firstValueFrom(this.http.post<LibraryItem>(`/api/v1/media/${id}/edit`, { operations }));
  }

  aspectRatios(): Promise<AspectRatios> {
    return firstValueFrom(this.http.get<AspectRatios>('/api/v1/media/aspect-ratios'));
  }

  copyTo(id: string, workspaceId: string): Promise<LibraryItem> {
    return firstValueFrom(this.http.post<LibraryItem>(`/api/v1/media/${id}/copy`, { workspaceId }));
  }

  async folders(): Promise<MediaFolder[]> {
    return (await firstValueFrom(this.http.get<Page<MediaFolder>>('/api/v1/media-folders'))).items;
  }

  createFolder(name: string): Promise<MediaFolder> {
    return firstValueFrom(this.http.post<MediaFolder>('/api/v1/media-folders', { name }));
  }

  renameFolder(id: string, name: string): Promise<MediaFolder> {
    return firstValueFrom(this.http.patch<MediaFolder>(`/api/v1/media-folders/${id}`, { name }));
  }

  async removeFolder(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/v1/media-folders/${id}`));
  }

  async tags(): Promise<TagCount[]> {
    return (await firstValueFrom(this.http.get<{ items: TagCount[] }>('/api/v1/media-tags'))).items;
  }
}
