import { HttpEventType } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { MediaApi } from './media.api';
import type { LibraryItem } from './media.types';

/** One file on its way to the library. */
export interface UploadTask {
  id: number;
  fileName: string;
  bytes: number;
  /** 0–100. */
  percent: number;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  error: string | null;
}

/** Files sent at once; more wait their turn (a big batch should not stall every upload). */
const PARALLEL = 3;

/**
 * Uploads several files with a progress bar each; each finished item is handed to `onDone` as it arrives.
 * Provided per view (library page, composer), so each shows its own uploads.
 */
@Injectable()
export class UploadQueue {
  private readonly api = inject(MediaApi);
  private readonly _tasks = signal<UploadTask[]>([]);
  private nextId = 0;
  readonly tasks = this._tasks.asReadonly();
  readonly busy = computed(() => this._tasks().some((t) => t.state === 'waiting' || t.state === 'uploading'));

  /** Resolves with the items that arrived, in the order the files were given. */
  async add(files: File[], onDone?: (item: LibraryItem) => void): Promise<LibraryItem[]> {
    // The previous batch's finished rows make way; its failures stay until dismissed.
    this.clearDone();
    const queued = files.map((file) => ({ file, task: this.track(file) }));
    const results: (LibraryItem | null)[] = new Array(queued.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < queued.length) {
        const index = next++;
        results[index] = await this.send(queued[index].file, queued[index].task.id);
        if (results[index]) onDone?.(results[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queued.length) }, worker));
    return results.filter((r): r is LibraryItem => r !== null);
  }

  /** Forgets finished uploads (the failed ones stay until dismissed, so their reason can be read). */
  clearDone(): void {
    this._tasks.update((tasks) => tasks.filter((t) => t.state !== 'done'));
  }

  dismiss(id: number): void {
    this._tasks.update((tasks) => tasks.filter((t) => t.id !== id));
  }

  private track(file: File): UploadTask {
    const task: UploadTask = {
      id: this.nextId++,
      fileName: file.name,
      bytes: file.size,
      percent: 0,
      state: 'waiting',
      error: null,
    };
    this._tasks.update((tasks) => [...tasks, task]);
    return task;
  }

  private patch(id: number, change: Partial<UploadTask>): void {
    this._tasks.update((tasks) => tasks.map((t) => (t.id === id ? { ...t, ...change } : t)));
  }

  private send(file: File, id: number): Promise<LibraryItem | null> {
    this.patch(id, { state: 'uploading' });
    return new Promise((resolve) => {
      this.api.upload(file).subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress && event.total) {
            // The last percent is the server storing and probing the file: shown as done only when it answers.
            this.patch(id, { percent: Math.min(99, Math.round((100 * event.loaded) / event.total)) });
          } else if (event.type === HttpEventType.Response && event.body) {
            this.patch(id, { state: 'done', percent: 100 });
            resolve(event.body);
          }
        },
        error: (error: unknown) => {
          this.patch(id, { state: 'failed', error: problemText(error) });
          resolve(null);
        },
      });
    });
  }
}
