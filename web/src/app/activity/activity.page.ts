import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ActivityEntry } from '../core/api.types';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { formatWhen, WhenPipe } from '../shared/format';
import { ActivityStore } from './activity.store';
import { actorName, describeActivity, subjectLink } from './describe-activity';

/** The audit log as sentences: who did what to which post, automation or account, with a link to it. */
@Component({
  selector: 'so-activity',
  imports: [BannerComponent, RouterLink, WhenPipe],
  providers: [ActivityStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Activity log</h1>
    <p class="muted">Who changed what in this workspace, newest first. Times in {{ zone() }}.</p>
    <so-banner [message]="store.error()" />
    @if (store.items(); as entries) {
      @if (entries.length) {
        <ol class="timeline card">
          @for (e of entries; track e.id) {
            @let s = sentence(e);
            <li data-testid="activity-entry" [attr.data-action]="e.action">
              <time [attr.datetime]="e.createdAt">{{ e.createdAt | when }}</time>
              <span class="sentence"
                ><strong>{{ actor(e) }}</strong>
                @if (e.viaApiKeyId) {
                  <span class="tag">API key</span>
                }
                {{ s.verb }}
                @if (s.named) {
                  @if (link(e); as to) {
                    <a [routerLink]="to">“{{ e.subject!.title }}”</a>
                  } @else {
                    <span title="Deleted since">“{{ e.subject!.title }}”</span>
                  }
                }
                {{ s.rest }}</span
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
  private readonly workspaces = inject(WorkspaceService);
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  readonly actor = actorName;

  sentence(entry: ActivityEntry) {
    return describeActivity(entry, (iso) => formatWhen(iso, this.zone()));
  }

  link(entry: ActivityEntry): string[] | null {
    return subjectLink(entry, this.workspaces.currentId() ?? '');
  }

  ngOnInit(): Promise<void> {
    return this.store.loadFirst();
  }
}
