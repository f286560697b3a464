import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { BannerComponent } from '../shared/banner.component';
import { WhenPipe } from '../shared/format';
import { OutboxStore } from './outbox.store';

@Component({
  selector: 'so-outbox',
  imports: [WhenPipe, BannerComponent],
  providers: [OutboxStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Email outbox</h1>
    <p class="muted">
      Every email this workspace sends. Without SMTP configured, emails stay here (status “logged”) so nothing is lost.
    </p>
    <so-banner [message]="store.error()" />
    @if (store.items(); as emails) {
      @if (emails.length) {
        @for (e of emails; track e.id) {
          <details class="card email">
            <summary>
              <span class="tag status-{{ e.status }}">{{ e.status }}</span> <strong>{{ e.subject }}</strong>
              <span class="muted">to {{ e.to }} · {{ e.createdAt | when }}</span>
            </summary>
            <pre>{{ e.text }}</pre>
          </details>
        }
        @if (store.hasMore()) {
          <button type="button" (click)="store.loadMore()" [disabled]="store.loading()">
            {{ store.loading() ? 'Loading…' : 'Load more' }}
          </button>
        }
      } @else if (!store.error()) {
        <div class="empty card"><p class="muted">No emails yet. Invites you send appear here.</p></div>
      }
    } @else {
      <p class="muted" role="status">Loading emails…</p>
    }
  `,
})
export class OutboxPage implements OnInit {
  readonly store = inject(OutboxStore);

  ngOnInit(): Promise<void> {
    return this.store.loadFirst();
  }
}
