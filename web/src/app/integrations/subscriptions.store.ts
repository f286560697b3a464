import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Page } from '../core/api.types';
import { problemText } from '../core/form-errors';

export const SUBSCRIPTION_EVENTS = [
  { value: 'post.published', label: 'A post was published' },
  { value: 'post.failed', label: 'A post failed' },
  { value: 'approval.requested', label: 'An approval was requested' },
  { value: 'approval.decided', label: 'A post was approved or declined' },
  { value: 'run.failed', label: 'An automation run failed' },
  { value: 'account.needs_reconnect', label: 'An account needs reconnecting' },
] as const;

export interface Delivery {
  id: string;
  event: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  body: string;
}

export interface Subscription {
  id: string;
  event: string;
  targetUrl: string;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  consecutiveFailures: number;
  lastDeliveryAt: string | null;
  createdAt: string;
  recentDeliveries: Delivery[];
  /** Only on the answer to subscribing. */
  secret?: string;
}

/** The workspace's REST hook subscriptions (Zapier, Make, n8n), and the secret of the one just made. */
@Injectable()
export class SubscriptionsStore {
  private readonly http = inject(HttpClient);
  private readonly _subscriptions = signal<Subscription[] | null>(null);
  private readonly _revealed = signal<Subscription | null>(null);
  private readonly _error = signal<string | null>(null);

  readonly subscriptions = this._subscriptions.asReadonly();
  /** The new subscription with its signing secret; the API never returns the secret again. */
  readonly revealed = this._revealed.asReadonly();
  readonly error = this._error.asReadonly();

  async load(): Promise<void> {
    try {
      const page = await firstValueFrom(this.http.get<Page<Subscription>>('/api/v1/subscriptions'));
      this._subscriptions.set(page.items);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  /** Rejects with the API error so the form can place field messages. */
  async create(event: string, targetUrl: string): Promise<void> {
    this._revealed.set(
      await firstValueFrom(this.http.post<Subscription>('/api/v1/subscriptions', { event, targetUrl })),
    );
    await this.load();
  }

  dismissSecret(): void {
    this._revealed.set(null);
  }

  enable(s: Subscription): Promise<void> {
    return this.act(() => firstValueFrom(this.http.post(`/api/v1/subscriptions/${s.id}/enable`, {})));
  }

  remove(s: Subscription): Promise<void> {
    return this.act(() => firstValueFrom(this.http.delete(`/api/v1/subscriptions/${s.id}`)));
  }

  private async act(call: () => Promise<unknown>): Promise<void> {
    this._error.set(null);
    try {
      await call();
    } catch (error) {
      this._error.set(problemText(error));
    }
    await this.load();
  }
}
