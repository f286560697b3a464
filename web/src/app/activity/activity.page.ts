import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { ActivityEntry, Page } from '../core/api.types';
import { toProblem } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { when } from '../shared/format';

const DESCRIBE: Record<string, (e: ActivityEntry) => string> = {
  'workspace.created': () => 'created the workspace',
  'workspace.updated': (e) => `changed settings: ${Object.keys((e.details['changed'] as object) ?? {}).join(', ')}`,
  'member.invited': (e) => `invited ${e.details['email']} as ${e.details['role']}`,
  'invite.revoked': () => 'revoked an invite',
  'member.joined': (e) => `joined as ${e.details['role']}`,
  'member.removed': (e) => (e.details['left'] ? 'left the workspace' : 'removed a member'),
  'member.role_changed': (e) => `changed a role from ${e.details['from']} to ${e.details['to']}`,
  'role.created': (e) => `created the role ${e.details['name']}`,
  'role.deleted': (e) => `deleted the role ${e.details['name']}`,
  'api_key.created': (e) => `created the API key ${e.details['name']}`,
  'api_key.revoked': () => 'revoked an API key',
};

@Component({
  selector: 'so-activity',
  imports: [BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Activity log</h1>
    <so-banner [message]="error()" />
    @if (entries() === null) {
      <p class="muted" role="status">Loading activity…</p>
    } @else if (entries()!.length) {
      <ol class="timeline card">
        @for (e of entries(); track e.id) {
          <li>
            <time [attr.datetime]="e.createdAt">{{ when(e.createdAt) }}</time>
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
      @if (cursor()) {
        <button type="button" (click)="more()" [disabled]="busy()">{{ busy() ? 'Loading…' : 'Load more' }}</button>
      }
    } @else {
      <p class="muted">Nothing has happened here yet.</p>
    }
  `,
})
export class ActivityPage implements OnInit {
  private readonly http = inject(HttpClient);
  readonly when = when;
  readonly entries = signal<ActivityEntry[] | null>(null);
  readonly cursor = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    await this.more();
  }

  describe(entry: ActivityEntry): string {
    return DESCRIBE[entry.action]?.(entry) ?? entry.action;
  }

  async more(): Promise<void> {
    this.busy.set(true);
    try {
      const query = this.cursor() ? `?limit=25&cursor=${this.cursor()}` : '?limit=25';
      const page = await firstValueFrom(this.http.get<Page<ActivityEntry>>(`/api/v1/activity${query}`));
      this.entries.set([...(this.entries() ?? []), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(toProblem(error).title);
    } finally {
      this.busy.set(false);
    }
  }
}
