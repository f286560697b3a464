import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { ApiKey, Page } from '../core/api.types';
import { problemText } from '../core/form-errors';

/** The workspace's API keys, and the secret of the one just created (held only until dismissed). */
@Injectable()
export class ApiKeysStore {
  private readonly http = inject(HttpClient);
  private readonly _keys = signal<ApiKey[] | null>(null);
  private readonly _revealed = signal<ApiKey | null>(null);
  private readonly _error = signal<string | null>(null);

  readonly keys = this._keys.asReadonly();
  /** The new key with its secret; the API never returns the secret again. */
  readonly revealed = this._revealed.asReadonly();
  readonly error = this._error.asReadonly();

  async load(): Promise<void> {
    try {
      this._keys.set((await firstValueFrom(this.http.get<Page<ApiKey>>('/api/v1/api-keys'))).items);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  /** Rejects with the API error so the form can place field messages. */
  async create(name: string, scopes: string[]): Promise<void> {
    this._revealed.set(await firstValueFrom(this.http.post<ApiKey>('/api/v1/api-keys', { name, scopes })));
    await this.load();
  }

  /** Forgets the secret once its dialog closes. */
  dismissSecret(): void {
    this._revealed.set(null);
  }

  async revoke(key: ApiKey): Promise<void> {
    this._error.set(null);
    try {
      await firstValueFrom(this.http.delete(`/api/v1/api-keys/${key.id}`));
    } catch (error) {
      this._error.set(problemText(error));
    }
    await this.load();
  }
}
