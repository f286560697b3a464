import { Injectable, signal } from '@angular/core';

/**
 * When each account may be synced again (from the API's 429 Retry-After, or right after a sync),
 * kept for the session so the account page says it again when one comes back to it.
 */
@Injectable({ providedIn: 'root' })
export class SyncCooldowns {
  private readonly _until = signal<Record<string, number>>({});

  /** Epoch milliseconds, or null when a sync may start now. */
  until(accountId: string, now = Date.now()): number | null {
    const until = this._until()[accountId];
    return until && until > now ? until : null;
  }

  set(accountId: string, until: number): void {
    this._until.update((all) => ({ ...all, [accountId]: until }));
  }
}

/** The API's sync cooldown, for the time shown after a sync was accepted (the 429 says the real one). */
export const SYNC_COOLDOWN_MS = 15 * 60_000;
