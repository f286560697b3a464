import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { TitleCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { DateTime } from 'luxon';
import { AccountsStore } from '../accounts/accounts.store';
import type { CalendarEntry, QuotaWarning } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { formatWhen } from '../shared/format';
import { moveToDay } from '../shared/zone-time';
import { CalendarView, gridFor, step, titleFor } from './calendar-grid';
import { PostsApi } from './posts.api';

/** Month, week and day views in the workspace's zone; drag a scheduled post to another day to move it. */
@Component({
  selector: 'so-calendar',
  imports: [FormsModule, RouterLink, TitleCasePipe, BannerComponent, CdkDropListGroup, CdkDropList, CdkDrag],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.alt.arrowleft)': 'go(-1)', '(keydown.alt.arrowright)': 'go(1)' },
  template: `
    <div class="page-head">
      <h1>Calendar</h1>
      <a class="button primary" routerLink="../compose">New post</a>
    </div>
    <so-banner [message]="error()" />
    @if (notice()) {
      <so-banner kind="success" [message]="notice()" />
    }
    <div class="toolbar">
      <div class="segmented" role="group" aria-label="View">
        @for (v of views; track v) {
          <button type="button" [attr.aria-pressed]="view() === v" (click)="setView(v)">{{ v | titlecase }}</button>
        }
      </div>
      <button type="button" (click)="go(-1)" aria-label="Previous">‹</button>
      <button type="button" (click)="today()">Today</button>
      <button type="button" (click)="go(1)" aria-label="Next">›</button>
      <h2 class="period">{{ title() }}</h2>
      <label for="cal-account">Account</label>
      <select id="cal-account" [ngModel]="account()" (ngModelChange)="account.set($event); load()">
        <option value="">All accounts</option>
        @for (a of accounts.accounts() ?? []; track a.id) {
          <option [value]="a.id">{{ a.name }}</option>
        }
      </select>
      <label for="cal-state">State</label>
      <select id="cal-state" [ngModel]="state()" (ngModelChange)="state.set($event); load()">
        <option value="">Any</option>
        <option value="scheduled">Scheduled</option>
        <option value="published">Published</option>
        <option value="failed">Failed</option>
      </select>
      <span class="muted small">Times in {{ zone() }}</span>
    </div>
    <div class="calendar" [attr.data-view]="view()" cdkDropListGroup>
      @if (view() !== 'day') {
        @for (d of weekdayNames(); track d) {
          <div class="weekday-head" aria-hidden="true">{{ d }}</div>
        }
      }
      @for (day of grid().days; track day.date) {
        <section
          class="day"
          [class.outside]="!day.inMonth"
          [class.today]="day.today"
          [class.near-quota]="warningsOn(day.date).length > 0"
          [attr.data-date]="day.date"
          [attr.aria-label]="day.date"
          cdkDropList
          [cdkDropListData]="day.date"
          (cdkDropListDropped)="dropped($event)"
        >
          <h3 class="day-label">{{ day.label }}</h3>
          @for (w of warningsOn(day.date); track w.accountId) {
            <p class="quota-warning" [title]="w.quota">⚠ {{ accountName(w.accountId) }}: {{ w.count }}/{{ w.max }}</p>
          }
          @for (e of entriesOn(day.date); track e.variantId + e.at) {
            <a
              class="entry"
              [attr.data-state]="e.state"
              [routerLink]="['..', 'posts', e.postId]"
              cdkDrag
              [cdkDragData]="e"
              [cdkDragDisabled]="!canMove(e)"
              [attr.aria-label]="time(e.at) + ' ' + accountName(e.accountId) + ': ' + e.title"
            >
              <span class="entry-time">{{ time(e.at) }}</span>
              <span class="entry-title">{{ e.repeat ? '↻ ' : '' }}{{ e.title }}</span>
              <span class="entry-account">{{ accountName(e.accountId) }}</span>
            </a>
          }
        </section>
      }
    </div>
    @if (more() > 0) {
      <p class="muted center" role="status">
        {{ more() }} more occurrences of posts that repeat very often are not shown in this period.
      </p>
    }
    @if (loaded() && entries().length === 0) {
      <p class="muted center">Nothing planned in this period. <a routerLink="../compose">Write a post</a>.</p>
    }
  `,
})
export class CalendarPage implements OnInit {
  private readonly api = inject(PostsApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly accounts = inject(AccountsStore);
  readonly views: CalendarView[] = ['month', 'week', 'day'];
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  readonly view = signal<CalendarView>('month');
  readonly anchor = signal(DateTime.now());
  readonly account = signal('');
  readonly state = signal('');
  readonly entries = signal<CalendarEntry[]>([]);
  readonly warnings = signal<QuotaWarning[]>([]);
  readonly more = signal(0);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  readonly loaded = signal(false);
  readonly grid = computed(() =>
    gridFor(this.view(), this.anchor().setZone(this.zone()), this.workspaces.current()?.firstDayOfWeek ?? 1),
  );
  readonly title = computed(() => titleFor(this.view(), this.anchor().setZone(this.zone())));
  readonly weekdayNames = computed(() =>
    this.grid()
      .days.slice(0, 7)
      .map((d) => formatWhen(DateTime.fromISO(d.date, { zone: 'UTC' }), 'UTC', 'weekday')),
  );

  async ngOnInit(): Promise<void> {
    await this.accounts.load();
    await this.load();
  }

  async load(): Promise<void> {
    const { from, to } = this.grid();
    try {
      const range = await this.api.calendar(from, to, { account: this.account(), state: this.state() });
      this.entries.set(range.entries);
      this.warnings.set(range.quotaWarnings);
      this.more.set(range.more ?? 0);
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
    this.loaded.set(true);
  }

  setView(view: CalendarView): Promise<void> {
    this.view.set(view);
    return this.load();
  }

  go(direction: 1 | -1): Promise<void> {
    this.anchor.set(step(this.view(), this.anchor(), direction));
    return this.load();
  }

  today(): Promise<void> {
    this.anchor.set(DateTime.now());
    return this.load();
  }

  /** Entries by local day, grouped once per load: a month can hold thousands, and each day cell asks. */
  private readonly byDay = computed(() => {
    const days = new Map<string, CalendarEntry[]>();
    for (const e of this.entries()) {
      const date = DateTime.fromISO(e.at, { zone: this.zone() }).toISODate()!;
      const day = days.get(date);
      if (day) day.push(e);
      else days.set(date, [e]);
    }
    return days;
  });

  entriesOn(date: string): CalendarEntry[] {
    return this.byDay().get(date) ?? [];
  }

  warningsOn(date: string): QuotaWarning[] {
    return this.warnings().filter((w) => w.date === date);
  }

  accountName(id: string): string {
    return this.accounts.accounts()?.find((a) => a.id === id)?.name ?? 'Removed account';
  }

  time(iso: string): string {
    return formatWhen(iso, this.zone(), 'time');
  }

  canMove(entry: CalendarEntry): boolean {
    return entry.state === 'scheduled' && !entry.repeat;
  }

  /** Same time of day, another day; the post detail keeps each variant's own time otherwise. */
  async dropped(event: CdkDragDrop<string, string, CalendarEntry>): Promise<void> {
    const entry = event.item.data;
    const day = event.container.data;
    if (event.previousContainer === event.container || !this.canMove(entry)) return;
    const at = moveToDay(entry.at, day, this.zone());
    try {
      await this.api.reschedule(entry.postId, { type: 'single', at });
      this.notice.set(`Moved “${entry.title}” to ${formatWhen(at, this.zone())}.`);
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
    await this.load();
  }
}
