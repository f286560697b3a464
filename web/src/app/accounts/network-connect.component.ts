import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { NetworkInfo } from '../core/api.types';
import { FormErrors } from '../core/form-errors';
import { FieldErrorComponent } from '../shared/field-error.component';
import { IconComponent } from '../shared/icon.component';
import { NetworkLogoComponent } from '../shared/network-logo.component';
import { AccountsStore } from './accounts.store';

/**
 * How one network is connected, as GET /networks describes it: its sign-in button, the instance a
 * Mastodon person names first, or a form of the credentials it asks for (secrets typed unseen,
 * the network's refusal shown at the field it names); what the server still needs when it is off.
 */
@Component({
  selector: 'so-network-connect',
  imports: [FormsModule, FieldErrorComponent, IconComponent, NetworkLogoComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-network]': 'n().network' },
  template: `
    @let info = n();
    @if (!info.configured) {
      <button type="button" class="connect-network" disabled [attr.aria-describedby]="'needs-' + info.network">
        <so-network-logo [network]="info.network" [size]="18" [decorative]="true" />
        Connect {{ info.label }}
      </button>
      <span class="hint" [id]="'needs-' + info.network" [attr.data-testid]="'needs-' + info.network">
        <so-icon name="lock" [size]="14" />
        Needs {{ info.settings.join(' and ') }} on the server — ask your admin
      </span>
    } @else if (info.connect === 'credentials') {
      <details [open]="open()" (toggle)="open.set($any($event.target).open)">
        <summary class="connect-network" [style.border-color]="info.colour">
          <so-network-logo [network]="info.network" [size]="18" [decorative]="true" />
          Connect {{ info.label }}
        </summary>
        <form class="stack" (ngSubmit)="connect()" novalidate [attr.aria-label]="'Connect ' + info.label">
          @for (f of info.credentialFields; track f.name) {
            <label [for]="fieldId(f.name)">{{ f.label }}</label>
            <input
              [id]="fieldId(f.name)"
              [name]="f.name"
              [type]="f.kind === 'secret' ? 'password' : f.kind === 'url' ? 'url' : 'text'"
              [autocomplete]="f.kind === 'secret' ? 'off' : 'on'"
              [placeholder]="f.placeholder ?? ''"
              [(ngModel)]="values[f.name]"
              [attr.aria-invalid]="!!errors.field('credentials.' + f.name)"
              [attr.aria-describedby]="fieldId(f.name) + '-error ' + fieldId(f.name) + '-help'"
            />
            <span class="hint" [id]="fieldId(f.name) + '-help'">{{ f.help }}</span>
            <so-field-error [errorId]="fieldId(f.name) + '-error'" [message]="errors.field('credentials.' + f.name)" />
          }
          @if (errors.banner()) {
            <p class="danger-text" role="alert">{{ errors.banner() }}</p>
          }
          <button type="submit" class="primary" [disabled]="busy()">
            {{ busy() ? 'Checking with ' + info.label + '…' : 'Connect ' + info.label }}
          </button>
        </form>
      </details>
    } @else if (info.instanceUrl) {
      <form class="inline" (ngSubmit)="startOnInstance()" novalidate>
        <label [for]="fieldId('instance')">{{ info.label }} server</label>
        <input
          [id]="fieldId('instance')"
          name="instanceUrl"
          type="url"
          placeholder="https://mastodon.social"
          [(ngModel)]="instance"
          [attr.aria-invalid]="!!errors.field('instanceUrl')"
          [attr.aria-describedby]="fieldId('instance') + '-error'"
        />
        <button type="submit" class="connect-network">
          <so-network-logo [network]="info.network" [size]="18" [decorative]="true" />
          Connect {{ info.label }}
        </button>
      </form>
      <so-field-error [errorId]="fieldId('instance') + '-error'" [message]="errors.field('instanceUrl')" />
    } @else {
      <button type="button" class="connect-network" (click)="store.startOAuth(info.network)">
        <so-network-logo [network]="info.network" [size]="18" [decorative]="true" />
        Connect {{ info.label }}
      </button>
    }
  `,
})
export class NetworkConnectComponent {
  readonly store = inject(AccountsStore);
  readonly n = input.required<NetworkInfo>();
  readonly errors = new FormErrors();
  readonly busy = signal(false);
  readonly open = signal(false);
  values: Record<string, string> = {};
  instance = '';

  fieldId(name: string): string {
    return `connect-${this.n().network}-${name}`;
  }

  async connect(): Promise<void> {
    const fields = this.n().credentialFields;
    const missing = fields.filter((f) => f.required && !this.values[f.name]?.trim());
    if (missing.length) {
      this.errors.set(Object.fromEntries(missing.map((f) => [`credentials.${f.name}`, `${f.label} is required`])));
      return;
    }
    this.busy.set(true);
    try {
      await this.store.connectWithCredentials(this.n().network, { ...this.values });
      this.values = {};
      this.errors.clear();
      this.open.set(false);
    } catch (error) {
      this.errors.fromError(error, Object.fromEntries(fields.map((f) => [`credentials.${f.name}`, f.label])));
    } finally {
      this.busy.set(false);
    }
  }

  async startOnInstance(): Promise<void> {
    if (!/^https?:\/\/\S+$/i.test(this.instance.trim())) {
      this.errors.set({ instanceUrl: 'Name the server as a web address, e.g. https://mastodon.social' });
      return;
    }
    this.errors.clear();
    await this.store.startOAuth(this.n().network, undefined, this.instance.trim());
  }
}
