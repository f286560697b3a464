import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { OutboxEmail, Page } from '../core/api.types';
import { toProblem } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { when } from '../shared/format';

@Component({
  selector: 'so-outbox',
  imports: [BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Email outbox</h1>
    <p class="muted">
      Every email this workspace sends. Without SMTP configured, emails stay here (status “logged”) so nothing is lost.
    </p>
    <so-banner [message]="error()" />
    @if (emails() === null) {
      <p class="muted" role="status">Loading emails…</p>
    } @else if (emails()!.length) {
      @for (e of emails(); track e.id) {
        <details class="card email">
          <summary>
            <span class="tag status-{{ e.status }}">{{ e.status }}</span> <strong>{{ e.subject }}</strong>
            <span class="muted">to {{ e.to }} · {{ when(e.createdAt) }}</span>
          </summary>
          <pre>{{ e.text }}</pre>
        </details>
      }
      @if (cursor()) {
        <button type="button" (click)="more()" [disabled]="busy()">Load more</button>
      }
    } @else {
      <p class="muted">No emails yet. Invites you send appear here.</p>
    }
  `,
})
export class OutboxPage implements OnInit {
  private readonly http = inject(HttpClient);
  readonly when = when;
  readonly emails = signal<OutboxEmail[] | null>(null);
  readonly cursor = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    await this.more();
  }

  async more(): Promise<void> {
    this.busy.set(true);
    try {
      const query = this.cursor() ? `?cursor=${this.cursor()}` : '';
      const page = await firstValueFrom(this.http.get<Page<OutboxEmail>>(`/api/v1/outbox${query}`));
      this.emails.set([...(this.emails() ?? []), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(toProblem(error).title);
    } finally {
      this.busy.set(false);
    }
  }
}
