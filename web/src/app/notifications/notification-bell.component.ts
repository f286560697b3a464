import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, firstValueFrom } from 'rxjs';
import { AuthService } from '../core/auth.service';
import { WorkspaceService } from '../core/workspace.service';
import { NavBadgesService } from './nav-badges.service';
import { WhenPipe } from '../shared/format';
import { IconComponent } from '../shared/icon.component';

interface Notice {
  id: string;
  kind: string;
  /** How many events the entry stands for ("10 posts failed"). */
  count: number;
  title: string;
  body: string;
  link: string | null;
  action: { kind: 'retry'; postId: string } | null;
  read: boolean;
  createdAt: string;
  updatedAt: string;
}

interface NoticePage {
  items: Notice[];
  nextCursor: string | null;
  unread: number;
}

const RETRY_MS = [1000, 2000, 5000, 15000];

/**
 * The bell: unread count kept live over server-sent events (read with fetch, so the bearer
 * token goes in a header), and the latest notifications on click.
 */
@Component({
  selector: 'so-notification-bell',
  imports: [IconComponent, RouterLink, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The panel closes on Esc, a click outside it, and navigation (a link in it, or anywhere).
  host: {
    '(document:keydown.escape)': 'close()',
    '(document:click)': 'clickedOutside($event)',
  },
  template: `
    <div class="bell">
      <button
        type="button"
        (click)="toggle()"
        [attr.aria-expanded]="open()"
        [attr.aria-label]="'Notifications, ' + unread() + ' unread'"
      >
        <so-icon name="bell" [size]="20" />
        @if (unread()) {
          <span class="badge" aria-hidden="true">{{ unread() }}</span>
        }
      </button>
      @if (open()) {
        <div class="bell-panel" role="dialog" aria-label="Notifications">
          <div class="bell-head">
            <strong>Notifications</strong>
            <a routerLink="/account" (click)="close()" class="small">Preferences</a>
            <button type="button" class="link" (click)="readAll()" [disabled]="!unread()">Mark all read</button>
          </div>
          @for (n of items(); track n.id) {
            <div class="notice" [class.unread]="!n.read" data-testid="notice">
              @if (n.link) {
                <a [routerLink]="n.link" (click)="opened(n)">{{ n.title }}</a>
              } @else {
                <strong>{{ n.title }}</strong>
              }
              <p class="small">{{ n.body }}</p>
              <div class="notice-foot">
                <span class="muted small">{{ n.updatedAt | when }}</span>
                @if (n.action?.kind === 'retry') {
                  <button type="button" class="small" (click)="retry(n)" [disabled]="busy() === n.id">Retry</button>
                }
                @if (!n.read) {
                  <button type="button" class="link small" (click)="markRead(n)">Mark read</button>
                }
              </div>
            </div>
          } @empty {
            <p class="muted">You are all caught up.</p>
          }
          @if (nextCursor()) {
            <button type="button" class="link small" (click)="older()" [disabled]="busy() === 'older'">
              Show older
            </button>
          }
          @if (message()) {
            <p class="small" role="status">{{ message() }}</p>
          }
        </div>
      }
    </div>
  `,
})
export class NotificationBellComponent {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly workspaces = inject(WorkspaceService);
  readonly unread = signal(0);
  readonly open = signal(false);
  readonly items = signal<Notice[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly busy = signal<string | null>(null);
  readonly message = signal<string | null>(null);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly badges = inject(NavBadgesService);
  private stream: AbortController | null = null;

  constructor() {
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.close();
        void this.badges.refresh();
      });
    effect(() => {
      const workspaceId = this.workspaces.currentId();
      this.stream?.abort();
      if (workspaceId) void this.listen(workspaceId, 0);
    });
    inject(DestroyRef).onDestroy(() => this.stream?.abort());
  }

  async toggle(): Promise<void> {
    this.open.update((o) => !o);
    if (this.open()) await this.load();
  }

  close(): void {
    this.open.set(false);
    this.message.set(null);
  }

  clickedOutside(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.close();
  }

  async opened(n: Notice): Promise<void> {
    this.close();
    if (!n.read) await this.markRead(n);
  }

  async markRead(n: Notice): Promise<void> {
    await firstValueFrom(this.http.post(`/api/v1/notifications/${n.id}/read`, {}));
    await this.load();
  }

  /** Schedules the failed post again in a minute (its own time has passed), then marks the notice read. */
  async retry(n: Notice): Promise<void> {
    if (!n.action) return;
    this.busy.set(n.id);
    try {
      const at = new Date(Date.now() + 60_000).toISOString();
      await firstValueFrom(
        this.http.post(`/api/v1/posts/${n.action.postId}/reschedule`, { schedule: { type: 'single', at } }),
      );
      await this.markRead(n);
      this.message.set('Scheduled again: it goes out in a minute.');
    } catch {
      this.message.set('That post could not be scheduled again. Open it to see why.');
    } finally {
      this.busy.set(null);
    }
  }

  async readAll(): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/notifications/read', {}));
    await this.load();
  }

  /** The newest page; older pages are added by "Show older". */
  private async load(): Promise<void> {
    const mine = await firstValueFrom(this.http.get<NoticePage>('/api/v1/notifications'));
    this.items.set(mine.items);
    this.nextCursor.set(mine.nextCursor);
    this.unread.set(mine.unread);
  }

  async older(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor) return;
    this.busy.set('older');
    try {
      const page = await firstValueFrom(this.http.get<NoticePage>('/api/v1/notifications', { params: { cursor } }));
      this.items.update((items) => [...items, ...page.items]);
      this.nextCursor.set(page.nextCursor);
    } finally {
      this.busy.set(null);
    }
  }

  /** Reads the event stream; reconnects with backoff, refreshing the session when it expired. */
  private async listen(workspaceId: string, attempt: number): Promise<void> {
    const controller = new AbortController();
    this.stream = controller;
    try {
      await this.auth.settled();
      const sentWith = this.auth.token();
      const res = await fetch('/api/v1/notifications/stream', {
        headers: { Authorization: `Bearer ${sentWith}`, 'X-Workspace-Id': workspaceId },
        signal: controller.signal,
      });
      // Not through HttpClient: renew as its interceptor does, sharing (or skipping) the refresh.
      if (res.status === 401 && (await this.auth.renewAfter(sentWith))) return this.listen(workspaceId, attempt);
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).match(/^data: (.*)$/m)?.[1];
          buffer = buffer.slice(end + 2);
          if (data) {
            this.unread.set((JSON.parse(data) as { unread: number }).unread);
            void this.badges.refresh();
            if (this.open()) void this.load();
          }
          attempt = 0;
        }
      }
    } catch {
      if (controller.signal.aborted) return;
    }
    if (controller.signal.aborted) return;
    setTimeout(() => void this.listen(workspaceId, attempt + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
  }
}
