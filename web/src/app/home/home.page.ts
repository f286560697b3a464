import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { formatWhen, type WhenStyle } from '../shared/format';
import { describeRepeatRule } from '../shared/repeat-text';
import { HomeApi, type ChecklistStep, type Home, type HomeEntry, type HomeFailedPost } from './home.api';

/** Each checklist step in words, and the page where it is done. */
const STEPS: Record<ChecklistStep, { label: string; path: string }> = {
  connect_account: { label: 'Connect a social account', path: 'accounts' },
  compose_post: { label: 'Compose your first post', path: 'compose' },
  set_queue_times: { label: 'Set queue times for an account', path: 'accounts' },
  start_automation: { label: 'Start an automation from a template', path: 'automations/templates' },
};

/** Where a member lands: what failed first, then what waits for them, what goes out next, and first steps. */
@Component({
  selector: 'so-home',
  imports: [BannerComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Home</h1>
    <so-banner [message]="error()" />
    @if (home(); as h) {
      @if (!h.checklist.complete) {
        <section class="card" aria-labelledby="home-checklist">
          <h2 id="home-checklist">Get started</h2>
          <ul class="checklist">
            @for (item of h.checklist.items; track item.step) {
              <li [class.done]="item.done">
                <span class="tick" aria-hidden="true">
                  <svg viewBox="0 0 16 16" width="16" height="16">
                    @if (item.done) {
                      <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" />
                    } @else {
                      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5" />
                    }
                  </svg>
                </span>
                <a [routerLink]="link(steps[item.step].path)">{{ steps[item.step].label }}</a>
                <span class="sr-only">{{ item.done ? '(done)' : '(to do)' }}</span>
              </li>
            }
          </ul>
        </section>
      }

      <section class="card" aria-labelledby="home-failed">
        <h2 id="home-failed">
          Failed posts
          @if (h.failed.total) {
            <span class="tag status-failed">{{ h.failed.total }}</span>
          }
        </h2>
        @for (p of h.failed.items; track p.id) {
          <p>
            <a [routerLink]="link('posts/' + p.id)">{{ p.text || '(no text)' }}</a>
            <span class="muted small"> · {{ reason(p) }}</span>
          </p>
        } @empty {
          <p class="muted">Nothing failed. Posts that a network refuses show here with the reason.</p>
        }
        @if (h.failed.total > h.failed.items.length) {
          <a [routerLink]="link('board')">All {{ h.failed.total }} on the board</a>
        }
      </section>

      @if (h.approvals; as approvals) {
        <section class="card" aria-labelledby="home-approvals">
          <h2 id="home-approvals">Waiting for your approval</h2>
          @for (a of approvals.items; track a.id) {
            <p>
              <a [routerLink]="link('approvals')">{{ a.text }}</a>
              <span class="muted small"> · asked {{ at(a.requestedAt, h.timeZone) }}</span>
            </p>
          } @empty {
            <p class="muted">Nothing waits for you.</p>
          }
          @if (approvals.total > approvals.items.length) {
            <a [routerLink]="link('approvals')">All {{ approvals.total }} approvals</a>
          }
        </section>
      }

      @if (h.accounts; as accounts) {
        <section class="card" aria-labelledby="home-accounts">
          <h2 id="home-accounts">Accounts needing attention</h2>
          @for (a of accounts.items; track a.id) {
            <p>
              <a [routerLink]="link('accounts')">{{ a.name }}</a>
              <span class="muted small">
                ·
                {{
                  a.status === 'active'
                    ? 'access ends ' + at(a.tokenExpiresAt, h.timeZone) + '; reconnect it'
                    : 'needs reconnecting'
                }}
              </span>
            </p>
          } @empty {
            <p class="muted">Every account is connected.</p>
          }
        </section>
      }

      <section class="card" aria-labelledby="home-upcoming">
        <h2 id="home-upcoming">Going out next</h2>
        <h3>Today</h3>
        @for (e of h.upcoming.today; track e.postId + e.at) {
          <p>
            <span class="muted small">{{ at(e.at, h.timeZone, 'time') }}</span>
            <a [routerLink]="link('posts/' + e.postId)">{{ e.title }}</a>
            <span class="network-badge">{{ e.network }}</span>
            @if (repeatWords(e, h.timeZone); as words) {
              <span class="muted small">{{ words }}</span>
            }
          </p>
        } @empty {
          <p class="muted">Nothing goes out today. <a [routerLink]="link('compose')">Compose a post</a></p>
        }
        <h3>Later this week</h3>
        @for (e of h.upcoming.thisWeek; track e.postId + e.at) {
          <p>
            <span class="muted small">{{ at(e.at, h.timeZone) }}</span>
            <a [routerLink]="link('posts/' + e.postId)">{{ e.title }}</a>
            <span class="network-badge">{{ e.network }}</span>
            @if (repeatWords(e, h.timeZone); as words) {
              <span class="muted small">{{ words }}</span>
            }
          </p>
        } @empty {
          <p class="muted">
            Nothing else this week. <a [routerLink]="link('calendar')">Plan the week in the calendar</a>
          </p>
        }
        <p class="muted small">Times in {{ h.timeZone }}.</p>
      </section>

      @if (h.automations; as automations) {
        <section class="card" aria-labelledby="home-automations">
          <h2 id="home-automations">Automation runs</h2>
          @for (a of automations.items; track a.id) {
            <p>
              <a [routerLink]="link('automations/' + a.id + '/runs')">{{ a.name }}</a>
              <span class="tag" [class.status-failed]="unhealthy(a.lastRun?.status)">{{ a.lastRun?.status }}</span>
              <span class="muted small">{{ at(a.lastRun?.startedAt, h.timeZone) }}</span>
            </p>
          } @empty {
            <p class="muted">
              No automation has run yet.
              <a [routerLink]="link('automations/templates')">Start one from a template</a>
            </p>
          }
        </section>
      }
    }
  `,
  styles: `
    .checklist {
      list-style: none;
      padding: 0;
    }
    .checklist li {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0.35rem 0;
    }
    .checklist li.done a {
      text-decoration: line-through;
      color: var(--muted);
    }
    .tick {
      color: var(--success);
      display: inline-flex;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class HomePage implements OnInit {
  private readonly api = inject(HomeApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly home = signal<Home | null>(null);
  readonly error = signal<string | null>(null);
  readonly steps = STEPS;
  private readonly base = computed(() => `/w/${this.workspaces.currentId()}`);

  async ngOnInit(): Promise<void> {
    try {
      this.home.set(await this.api.get());
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  link(path: string): string {
    return `${this.base()}/${path}`;
  }

  /** Every time on the page in the workspace's zone, as the calendar shows them. */
  at(iso: string | null | undefined, zone: string, style?: WhenStyle): string {
    return formatWhen(iso, zone, style);
  }

  /** "Every Monday at 08:00" beside an occurrence of a repeating post. */
  repeatWords(e: HomeEntry, zone: string): string | null {
    return describeRepeatRule(e.repeatRule, e.at, zone);
  }

  reason(p: HomeFailedPost): string {
    return p.variants.find((v) => v.lastError)?.lastError ?? 'refused by the network';
  }

  unhealthy(status: string | undefined): boolean {
    return status === 'failed' || status === 'stopped' || status === 'interrupted';
  }
}
