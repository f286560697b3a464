import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export interface NavBadges {
  approvals: number;
  accounts: number;
}

/** What waits for the caller beside the navigation; refreshed by the bell's live stream and on navigation. */
@Injectable({ providedIn: 'root' })
export class NavBadgesService {
  private readonly http = inject(HttpClient);
  readonly counts = signal<NavBadges>({ approvals: 0, accounts: 0 });

  async refresh(): Promise<void> {
    try {
      this.counts.set(await firstValueFrom(this.http.get<NavBadges>('/api/v1/nav-badges')));
    } catch {
      // A badge is a hint: a failed refresh keeps the last counts and the next event tries again.
    }
  }
}
