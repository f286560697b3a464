import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { AutomationsApi } from './automations.api';
import type { Hook } from './automation.types';
import { WhenPipe } from '../shared/format';

/**
 * The webhook addresses of an automation's webhook-in trigger. Each sender (a CMS) can have its
 * own; a new address's secret is shown that once; a leaked or retired one is revoked. The first
 * address is made on opening, since an automation with a webhook trigger needs one.
 */
@Component({
  selector: 'so-webhook-panel',
  imports: [CopyButtonComponent, ConfirmButtonComponent, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-label="Webhook addresses">
      <p>
        Send signed POST requests to an address, with the time in seconds and its signature:
        <code>X-Timestamp: &lt;unix seconds&gt;</code> and
        <code>X-Signature: sha256=&lt;hex HMAC-SHA256 of "timestamp.body"&gt;</code> (the timestamp, a dot, then the
        body as sent), as Stripe signs. Requests more than 5 minutes away from now, or sent a second time, are refused;
        an <code>X-Delivery-Id</code> lets a sender retry an event safely. Ghost's own signature is accepted as it is.
      </p>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      @if (created(); as fresh) {
        <div class="fresh-hook">
          <label for="hook-url">URL</label>
          <input id="hook-url" readonly [value]="fresh.url" />
          <so-copy-button [text]="fresh.url" label="Copy URL" />
          <label for="hook-secret">Secret</label>
          <input id="hook-secret" readonly [value]="fresh.secret" aria-describedby="hook-secret-once" />
          <small id="hook-secret-once" class="muted">Shown this once: copy it now.</small>
          <so-copy-button [text]="fresh.secret" label="Copy secret" />
        </div>
      }
      <ul class="hooks">
        @for (h of hooks(); track h.hookId) {
          <li>
            <code>{{ h.url }}</code>
            <span class="muted small">since {{ h.createdAt | when }}</span>
            <so-copy-button [text]="h.url" [label]="'Copy address ' + ($index + 1)" />
            <so-confirm-button
              label="Revoke"
              [ariaLabel]="'Revoke address ' + ($index + 1)"
              question="Revoke this address?"
              detail="Requests to it are refused from now on. Senders using it need a new address."
              confirmLabel="Revoke"
              (confirmed)="revoke(h.hookId)"
            />
          </li>
        } @empty {
          @if (loaded()) {
            <li class="muted small">No address: requests cannot reach this automation.</li>
          }
        }
      </ul>
      <button type="button" (click)="create()">New address</button>
      <button type="button" class="link" (click)="closed.emit()">Hide</button>
    </section>
  `,
})
export class WebhookPanelComponent {
  private readonly api = inject(AutomationsApi);
  readonly automationId = input.required<string>();
  readonly closed = output<void>();
  readonly hooks = signal<Hook[]>([]);
  readonly created = signal<{ url: string; secret: string } | null>(null);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);

  constructor() {
    effect(() => void this.open(this.automationId()));
  }

  async create(): Promise<void> {
    await this.attempt(async () => {
      this.created.set(await this.api.createHook(this.automationId()));
      this.hooks.set(await this.api.hooks(this.automationId()));
    });
  }

  async revoke(hookId: string): Promise<void> {
    await this.attempt(async () => {
      await this.api.deleteHook(this.automationId(), hookId);
      this.hooks.set(await this.api.hooks(this.automationId()));
      this.created.set(null);
    });
  }

  private async open(automationId: string): Promise<void> {
    await this.attempt(async () => {
      this.hooks.set(await this.api.hooks(automationId));
      this.loaded.set(true);
      if (!this.hooks().length) await this.create();
    });
  }

  private async attempt(work: () => Promise<void>): Promise<void> {
    try {
      this.error.set(null);
      await work();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
