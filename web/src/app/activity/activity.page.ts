import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { BannerComponent } from '../shared/banner.component';
import { WhenPipe } from '../shared/format';
import { ActivityStore } from './activity.store';
import { describeActivity } from './describe-activity';

@Component({
  selector: 'so-activity',
  imports: [WhenPipe, BannerComponent],
  providers: [ActivityStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Activity log</h1>
    <p class="muted">Who changed what in this workspace, newest first.</p>
    <so-banner [message]="store.error()" />
    @if (store.items(); as entries) {
      @if (entries.length) {
        <ol class="timeline card">
          @for (e of entries; track e.id) {
            <li>
              <time [attr.datetime]="e.createdAt">{{ e.createdAt | when }}</time>
              <span
                ><strong>{{ e.actor?.name ?? 'Someone' }}</strong>
                @if (e.viaApiKeyId) {
                  <span class="tag">API key</span>
                }
                {{ describe(e) }}</span
              >
              <code class="muted small">{{ e.action }}</code>
            </li>
          }
        </ol>
        @if (store.hasMore()) {
          <button type="button" (click)="store.loadMore()" [disabled]="store.loading()">
            {{ store.loading() ? 'Loading…' : 'Load more' }}
          </button>
        }
      } @else if (!store.error()) {
        <div class="empty card"><p class="muted">Nothing has happened here yet.</p></div>
      }
    } @else {
      <p class="muted" role="status">Loading activity…</p>
    }
  `,
})
export class ActivityPage implements OnInit {
  readonly store = inject(ActivityStore);
  readonly describe = describeActivity;

  ngOnInit(): Promise<void> {
    return this.store.loadFirst();
  }
}
