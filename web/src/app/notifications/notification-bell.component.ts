import { HttpClient } from '@angular/common/http';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../core/auth.service';
import { WorkspaceService } from '../core/workspace.service';

interface Notice {
  id: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

const RETRY_MS = [1000, 2000, 5000, 15000];

/**
 * The bell: unread count kept live over server-sent events (read with fetch, so the bearer
 * token goes in a header), and the latest notifications on click.
 */
@Component({
  selector: 'so-notification-bell',
  imports: [RouterLink, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bell">
      <button
        type="button"
        (click)="toggle()"
        [attr.aria-expanded]="open()"
        [attr.aria-label]="'Notifications, ' + unread() + ' unread'"
      >
        🔔
        @if (unread()) {
          <span class="badge" aria-hidden="true">{{ unread() }}</span>
        }
      </button>
      @if (open()) {
        <div class="bell-panel" role="dialog" aria-label="Notifications">
          <div class="bell-head">
            <strong>Notifications</strong>
            <button type="button" class="link" (click)="readAll()" [disabled]="!unread()">Mark all read</button>
          </div>
          @for (n of items(); track n.id) {
            <div class="notice" [class.unread]="!n.read">
              @if (n.link) {
                <a [routerLink]="n.link" (click)="open.set(false)">{{ n.title }}</a>
              } @else {
                <strong>{{ n.title }}</strong>
              }
              <p class="small">{{ n.body }}</p>
              <span class="muted small">{{ n.createdAt | date: 'short' }}</span>
            </div>
          } @empty {
            <p class="muted">You are all caught up.</p>
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
  private stream: AbortController | null = null;

  constructor() {
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

  async readAll(): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/notifications/read', {}));
    await this.load();
  }

  private async load(): Promise<void> {
    const mine = await firstValueFrom(this.http.get<{ items: Notice[]; unread: number }>('/api/v1/notifications'));
    this.items.set(mine.items);
    this.unread.set(mine.unread);
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
          if (data) this.unread.set((JSON.parse(data) as { unread: number }).unread);
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
