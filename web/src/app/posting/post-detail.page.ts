import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AccountsStore } from '../accounts/accounts.store';
import { PostMetricsComponent } from '../analytics/post-metrics.component';
import { NetworkBadgeComponent } from '../accounts/network-badge.component';
import type { Post, PublishJob } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { PostMediaComponent } from '../media/post-media.component';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { formatWhen } from '../shared/format';
import { describeRepeat } from '../shared/repeat-text';
import { PostCommentsComponent } from './post-comments.component';
import { PostsApi } from './posts.api';
import { IconComponent } from '../shared/icon.component';

const STATE_TEXT: Partial<Record<string, string>> = {
  draft: 'Draft',
  pending_approval: 'Awaiting approval',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  needs_review: 'Check needed',
  queued: 'Waiting',
  sending: 'Sending',
  cancelled: 'Cancelled',
};

/** One post: its variants and every publish attempt, with the actions that fit its state. */
@Component({
  selector: 'so-post-detail',
  imports: [
    IconComponent,
    RouterLink,
    BannerComponent,
    ConfirmButtonComponent,
    NetworkBadgeComponent,
    PostCommentsComponent,
    PostMediaComponent,
    PostMetricsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <a routerLink="../../calendar" class="back-link"><so-icon name="arrow-left" /> Calendar</a> ·
      <a routerLink="../../board">Board</a>
    </p>
    <so-banner [message]="error()" />
    @if (post(); as p) {
      <div class="page-head">
        <h1>{{ p.title ?? 'Post' }}</h1>
        <span class="status-pill" [attr.data-state]="p.state" data-testid="post-state">{{ stateText[p.state] }}</span>
      </div>
      @if (p.approval?.status === 'declined' && p.state === 'draft') {
        <p class="banner" data-testid="declined-note">
          Declined: {{ p.approval!.reason }} — edit the post and submit it again.
        </p>
      } @else if (p.state === 'pending_approval') {
        <p class="muted" data-testid="awaiting-note">Waiting for an approver; approving schedules it as composed.</p>
      }
      <p class="post-text card">{{ p.text }}</p>
      <so-post-media [mediaIds]="mediaIds()" />
      <p class="muted small">
        @if (p.schedule) {
          {{ scheduleText(p) }} ·
        }
        @if (p.nextRunAt) {
          Next: {{ at(p.nextRunAt) }} ·
        }
        Labels: {{ p.labels.join(', ') || 'none' }}
      </p>
      <div class="button-row">
        @if (p.state !== 'publishing') {
          <a class="button" [routerLink]="['edit']">Edit</a>
        }
        <button type="button" (click)="duplicate(p)">Duplicate</button>
        @if (p.state === 'draft') {
          <button type="button" (click)="submitForApproval(p)">Submit for approval</button>
        }
        @if (p.state === 'scheduled') {
          <button type="button" (click)="unschedule(p)">Back to draft</button>
        }
        @if (p.state !== 'publishing') {
          <so-confirm-button
            label="Delete"
            question="Delete this post?"
            detail="Its schedule and history are removed too."
            confirmLabel="Delete post"
            (confirmed)="remove(p)"
          />
        }
      </div>

      <h2>Accounts</h2>
      <table class="table">
        <thead>
          <tr>
            <th>Account</th>
            <th>State</th>
            <th>Scheduled</th>
            <th>Published</th>
            <th>Network id</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          @for (v of p.variants; track v.id) {
            <tr [attr.data-variant]="v.id">
              <td>{{ accountName(v.accountId) }} <so-network-badge [network]="v.network" /></td>
              <td>{{ stateText[v.state] }}</td>
              <td>{{ at(v.scheduledAt) }}</td>
              <td>{{ at(v.publishedAt) }}</td>
              <td>
                <code>{{ v.externalId ?? '—' }}</code>
              </td>
              <td>{{ v.lastError ?? '' }}</td>
            </tr>
          }
        </tbody>
      </table>

      @if (published()) {
        <so-post-metrics [postId]="p.id" />
      }

      <h2>Publish attempts</h2>
      @if (jobs().length === 0) {
        <p class="muted">No attempts yet.</p>
      } @else {
        <table class="table attempts">
          <thead>
            <tr>
              <th>Account</th>
              <th>Occurrence</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>History</th>
            </tr>
          </thead>
          <tbody>
            @for (j of jobs(); track j.id) {
              <tr>
                <td>{{ accountName(j.accountId) }}</td>
                <td>{{ at(j.occurrenceAt) }}</td>
                <td>
                  {{ stateText[j.status] ?? j.status }}
                  @if (j.nextAttemptAt) {
                    (next try {{ at(j.nextAttemptAt) }})
                  }
                </td>
                <td>{{ j.attempts }}</td>
                <td>
                  <ol class="history">
                    @for (h of j.history; track h.at) {
                      <li>
                        {{ at(h.at) }} — {{ h.outcome }}
                        @if (h.message) {
                          : {{ h.message }}
                        }
                        ({{ h.durationMs }} ms)
                      </li>
                    }
                  </ol>
                </td>
              </tr>
            }
          </tbody>
        </table>
        @if (olderJobs()) {
          <button type="button" (click)="loadOlderJobs()">Show older attempts</button>
        }
      }
      <so-post-comments [postId]="postId()" />
    } @else if (!error()) {
      <p class="muted">Loading…</p>
    }
  `,
})
export class PostDetailPage implements OnInit {
  private readonly api = inject(PostsApi);
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspaceService);
  private readonly accounts = inject(AccountsStore);
  readonly postId = input.required<string>();
  readonly post = signal<Post | null>(null);
  readonly jobs = signal<PublishJob[]>([]);
  /** Cursor of the next page of attempts, when there are older ones. */
  readonly olderJobs = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly stateText = STATE_TEXT;
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  /** Metrics exist only for variants that went out. */
  readonly published = computed(() => this.post()?.variants.some((v) => v.publishedAt !== null) ?? false);
  /** The media of every variant, in order, each once. */
  readonly mediaIds = computed(() => [...new Set(this.post()?.variants.flatMap((v) => v.mediaIds) ?? [])]);

  async ngOnInit(): Promise<void> {
    await this.accounts.load();
    await this.load();
  }

  async load(): Promise<void> {
    try {
      this.post.set(await this.api.get(this.postId()));
      const page = await this.api.attempts(this.postId());
      this.jobs.set(page.items);
      this.olderJobs.set(page.nextCursor);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async loadOlderJobs(): Promise<void> {
    try {
      const page = await this.api.attempts(this.postId(), this.olderJobs());
      this.jobs.update((jobs) => [...jobs, ...page.items]);
      this.olderJobs.set(page.nextCursor);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  at(iso: string | null): string {
    return formatWhen(iso, this.zone());
  }

  accountName(id: string): string {
    return this.accounts.accounts()?.find((a) => a.id === id)?.name ?? 'Removed account';
  }

  scheduleText(post: Post): string {
    const s = post.schedule!;
    const repeat = describeRepeat(s, this.zone());
    if (repeat) return `${repeat} (${s.occurrences} so far)`;
    if (s.type === 'best-time') return 'At its best time (by analytics)';
    return s.type === 'queue' ? 'From the queue' : 'Single time';
  }

  async duplicate(post: Post): Promise<void> {
    try {
      const copy = await this.api.duplicate(post.id);
      await this.router.navigate(['/w', this.workspaces.currentId(), 'posts', copy.id, 'edit']);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async submitForApproval(post: Post): Promise<void> {
    try {
      await this.api.submitForApproval(post.id);
      this.post.set(await this.api.get(post.id));
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async unschedule(post: Post): Promise<void> {
    try {
      this.post.set(await this.api.move(post.id, 'draft'));
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async remove(post: Post): Promise<void> {
    try {
      await this.api.remove(post.id);
      await this.router.navigate(['/w', this.workspaces.currentId(), 'calendar']);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
