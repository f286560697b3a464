import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { NetworkInfo, Page, QueueSlot, SocialAccount } from '../core/api.types';
import { problemText } from '../core/form-errors';

/** The workspace's connected accounts and what can be done to them. */
@Injectable({ providedIn: 'root' })
export class AccountsStore {
  private readonly http = inject(HttpClient);
  private readonly _accounts = signal<SocialAccount[] | null>(null);
  private readonly _error = signal<string | null>(null);
  private readonly _networks = signal<NetworkInfo[]>([]);

  /** null until loaded. */
  readonly accounts = this._accounts.asReadonly();
  readonly error = this._error.asReadonly();
  /** Every network but the Sandbox (GET /networks): how it connects and whether this server can. */
  readonly networks = this._networks.asReadonly();

  async load(): Promise<void> {
    try {
      const [accounts, networks] = await Promise.all([
        firstValueFrom(this.http.get<Page<SocialAccount>>('/api/v1/accounts')),
        firstValueFrom(this.http.get<{ items: NetworkInfo[] }>('/api/v1/networks')),
      ]);
      this._accounts.set(accounts.items);
      this._networks.set(networks.items.filter((n) => n.connect !== 'demo'));
      this._error.set(null);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  /** Rejects with the API error so the form can show it beside the field. */
  async connectSandbox(name: string): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/accounts', { network: 'sandbox', name }));
    await this.load();
  }

  /** Checked against the network first; rejects with the API error so the form shows it at the field. */
  async connectWithCredentials(network: string, credentials: Record<string, string>): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/accounts', { network, credentials }));
    await this.load();
  }

  /**
   * Sends the browser to the network to sign in (a reconnect keeps the account's history). Mastodon
   * first registers the app on the instance the person named.
   */
  async startOAuth(network: string, accountId?: string, instanceUrl?: string): Promise<void> {
    this._error.set(null);
    try {
      const body = { ...(accountId && { accountId }), ...(instanceUrl && { instanceUrl }) };
      const { authorizeUrl } = await firstValueFrom(
        this.http.post<{ authorizeUrl: string }>(`/api/v1/accounts/oauth/${network}/start`, body),
      );
      window.location.assign(authorizeUrl);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  async update(account: SocialAccount, change: Partial<{ name: string; disabled: boolean; settings: object }>) {
    this._error.set(null);
    try {
      await firstValueFrom(this.http.patch(`/api/v1/accounts/${account.id}`, change));
    } catch (error) {
      this._error.set(problemText(error));
    }
    await this.load();
  }

  async remove(account: SocialAccount): Promise<void> {
    this._error.set(null);
    try {
      await firstValueFrom(this.http.delete(`/api/v1/accounts/${account.id}`));
    } catch (error) {
      this._error.set(problemText(error));
    }
    await this.load();
  }

  async slots(accountId: string): Promise<QueueSlot[]> {
    return (await firstValueFrom(this.http.get<{ slots: QueueSlot[] }>(`/api/v1/accounts/${accountId}/queue-slots`)))
      .slots;
  }

  async saveSlots(accountId: string, slots: QueueSlot[]): Promise<QueueSlot[]> {
    return (
      await firstValueFrom(
        this.http.put<{ slots: QueueSlot[] }>(`/api/v1/accounts/${accountId}/queue-slots`, { slots }),
      )
    ).slots;
  }
}
