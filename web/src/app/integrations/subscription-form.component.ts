import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { SUBSCRIPTION_EVENTS, SubscriptionsStore } from './subscriptions.store';

/** Subscribe an address by hand (Make's or n8n's webhook URL); Zapier subscribes through the API itself. */
@Component({
  selector: 'so-subscription-form',
  imports: [FormsModule, BannerComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="new-subscription-heading">
      <h2 id="new-subscription-heading">Send events to an address</h2>
      <so-banner [message]="errors.banner()" />
      <form (ngSubmit)="submit()" novalidate class="subscribe-form">
        <div>
          <label for="subscription-event">When</label>
          <select id="subscription-event" name="event" [(ngModel)]="event">
            @for (e of events; track e.value) {
              <option [value]="e.value">{{ e.label }} ({{ e.value }})</option>
            }
          </select>
          <so-field-error errorId="subscription-event-error" [message]="errors.field('event')" />
        </div>
        <div class="grow">
          <label for="subscription-target">POST to</label>
          <input
            id="subscription-target"
            name="targetUrl"
            type="url"
            [(ngModel)]="targetUrl"
            placeholder="https://hook.eu1.make.com/…"
            [attr.aria-invalid]="!!errors.field('targetUrl')"
            aria-describedby="subscription-target-error"
          />
          <so-field-error errorId="subscription-target-error" [message]="errors.field('targetUrl')" />
        </div>
        <button class="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Subscribing…' : 'Subscribe' }}</button>
      </form>
    </section>
  `,
  styles: `
    .subscribe-form {
      display: flex;
      gap: 0.8rem;
      align-items: flex-start;
      flex-wrap: wrap;
    }
    .subscribe-form .grow {
      flex: 1;
      min-width: 18rem;
    }
    .subscribe-form button {
      margin-top: 1.6rem;
    }
  `,
})
export class SubscriptionFormComponent {
  private readonly store = inject(SubscriptionsStore);
  readonly events = SUBSCRIPTION_EVENTS;
  readonly created = output<void>();
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  event: string = SUBSCRIPTION_EVENTS[0].value;
  targetUrl = '';

  async submit(): Promise<void> {
    const url = this.targetUrl.trim();
    this.errors.set(/^https?:\/\/\S+$/.test(url) ? {} : { targetUrl: 'Paste the http(s) address to send events to' });
    if (this.errors.field('targetUrl')) return;
    this.busy.set(true);
    try {
      await this.store.create(this.event, url);
      this.targetUrl = '';
      this.created.emit();
    } catch (error) {
      this.errors.fromError(error, ['event', 'targetUrl']);
    } finally {
      this.busy.set(false);
    }
  }
}
