import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { NetworkInfo, SocialAccount } from '../core/api.types';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { WhenPipe } from '../shared/format';
import { AccountsStore } from './accounts.store';
import { NetworkConnectComponent } from './network-connect.component';
import { NetworkBadgeComponent } from './network-badge.component';
import { QueueSlotsComponent } from './queue-slots.component';

const STATUS_TEXT: Record<SocialAccount['status'], string> = {
  active: 'Connected',
  reauth_required: 'Reconnect needed',
  disabled: 'Disabled',
};

/** Connected accounts with their token health, queue times and connect / reconnect / disable / remove. */
@Component({
  selector: 'so-accounts-page',
  imports: [
    WhenPipe,
    FormsModule,
    RouterLink,
    BannerComponent,
    ConfirmButtonComponent,
    FieldErrorComponent,
    NetworkBadgeComponent,
    NetworkConnectComponent,
    QueueSlotsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Social accounts</h1>
    <so-banner [message]="store.error()" />
    @if (connected()) {
      <so-banner kind="success" [message]="connected()" />
    }
    <so-banner [message]="connectError()" />
    @if (canWrite()) {
      <section class="card" aria-labelledby="connect-heading">
        <h2 id="connect-heading">Connect an account</h2>
        <form class="inline" (ngSubmit)="connectSandbox()" novalidate>
          <label for="sandbox-name">Sandbox account name</label>
          <input
            id="sandbox-name"
            name="sandboxName"
            [(ngModel)]="sandboxName"
            placeholder="e.g. Demo brand"
            [attr.aria-invalid]="!!errors.field('name')"
            aria-describedby="sandbox-name-error sandbox-hint"
          />
          <button type="submit" class="primary">Connect Sandbox account</button>
        </form>
        <so-field-error errorId="sandbox-name-error" [message]="errors.field('name')" />
        <p class="hint" id="sandbox-hint">
          The Sandbox is a demo network: posts go to an in-app timeline, with made-up metrics. No credentials needed.
        </p>
        <ul class="connect-list">
          @for (n of store.networks(); track n.network) {
            <li><so-network-connect [n]="n" /></li>
          }
        </ul>
      </section>
    }

    @if (store.accounts() === null) {
      <p class="muted">Loading accounts…</p>
    } @else if (store.accounts()!.length === 0) {
      <div class="empty-state card">
        <h2>No accounts yet</h2>
        <p>Connect a Sandbox account to try scheduling and publishing without any credentials.</p>
      </div>
    } @else {
      <ul class="account-list">
        @for (a of store.accounts(); track a.id) {
          <li class="card account" [attr.data-status]="a.status">
            <div class="account-head">
              <h2>{{ a.name }}</h2>
              <so-network-badge [network]="a.network" />
              <span class="status-pill" [attr.data-status]="a.status">{{ statusText[a.status] }}</span>
            </div>
            <dl class="facts">
              <dt>Permissions</dt>
              <dd>
                {{ a.scopes.join(', ') || '—' }}
                @if (a.missingScopes.length) {
                  <strong class="danger-text">Missing: {{ a.missingScopes.join(', ') }}</strong>
                }
              </dd>
              <dt>Token expires</dt>
              <dd>{{ a.tokenExpiresAt ? (a.tokenExpiresAt | when) : 'Does not expire' }}</dd>
              <dt>Last refresh</dt>
              <dd>{{ a.lastRefreshAt | when }}</dd>
              <dt>Last error</dt>
              <dd>{{ a.lastError ?? 'None' }}</dd>
            </dl>
            <details>
              <summary>Queue times</summary>
              <so-queue-slots [accountId]="a.id" [id]="'slots-' + a.id" />
            </details>
            <div class="button-row">
              @if (a.demo) {
                <a [routerLink]="['..', 'accounts', a.id, 'timeline']">Sandbox timeline</a>
              }
              @if (canWrite()) {
                @if (a.status === 'reauth_required' && !a.demo) {
                  @if (connectOf(a.network) === 'credentials') {
                    <span class="hint">Connect it again above with working credentials: the account is kept.</span>
                  } @else {
                    <button type="button" class="primary small" (click)="store.startOAuth(a.network, a.id)">
                      Reconnect
                    </button>
                  }
                }
                @if (a.status === 'reauth_required' && a.demo) {
                  <button
                    type="button"
                    class="primary small"
                    (click)="store.update(a, { disabled: false, settings: { failCount: 0 } })"
                  >
                    Reconnect
                  </button>
                }
                <button type="button" class="small" (click)="store.update(a, { disabled: a.status !== 'disabled' })">
                  {{ a.status === 'disabled' ? 'Enable' : 'Disable' }}
                </button>
                <so-confirm-button
                  label="Remove"
                  [ariaLabel]="'Remove ' + a.name"
                  [question]="'Remove ' + a.name + '?'"
                  detail="Its posts keep their history; nothing more is published to it."
                  confirmLabel="Remove account"
                  (confirmed)="store.remove(a)"
                />
              }
            </div>
          </li>
        }
      </ul>
    }
  `,
})
export class AccountsPage implements OnInit {
  private readonly workspaces = inject(WorkspaceService);
  private readonly route = inject(ActivatedRoute);
  readonly store = inject(AccountsStore);
  readonly errors = new FormErrors();
  readonly statusText = STATUS_TEXT;
  readonly canWrite = computed(() => this.workspaces.can('accounts:write'));
  private readonly query = this.route.snapshot.queryParamMap;
  /** Set by the OAuth callback's redirect. */
  readonly connected = computed(() =>
    connectedMessage(this.query.get('connected'), this.query.get('count'), this.store.networks()),
  );
  readonly connectError = signal(this.query.get('connectError'));
  sandboxName = '';

  /** How the account's network connects: credentials networks reconnect through their form, not a sign-in. */
  connectOf(network: string): NetworkInfo['connect'] | undefined {
    return this.store.networks().find((n) => n.network === network)?.connect;
  }

  ngOnInit(): Promise<void> {
    return this.store.load();
  }

  async connectSandbox(): Promise<void> {
    if (!this.sandboxName.trim()) {
      this.errors.set({ name: 'Name the account, e.g. after the brand it stands for' });
      return;
    }
    try {
      await this.store.connectSandbox(this.sandboxName.trim());
      this.sandboxName = '';
      this.errors.clear();
    } catch (error) {
      this.errors.fromError(error, ['name']);
    }
  }
}

function connectedMessage(network: string | null, count: string | null, networks: NetworkInfo[]): string | null {
  if (!network) return null;
  const label = networks.find((n) => n.network === network)?.label ?? network;
  const n = Number(count ?? 1);
  return `Connected ${n} ${label} account${n === 1 ? '' : 's'}.`;
}
