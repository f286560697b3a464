import { TitleCasePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnInit,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { DateTime } from 'luxon';
import { AccountsStore } from '../accounts/accounts.store';
import { AuthService } from '../core/auth.service';
import type { CalendarEntry, Label, QuotaWarning } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { TeamApi } from '../members/team.api';
import { BannerComponent } from '../shared/banner.component';
import { formatWhen } from '../shared/format';
import { CalendarDayListComponent } from './calendar-day-list.component';
import { activeFilters, CalendarFilters } from './calendar-filters';
import { AuthorOption, CalendarFiltersComponent } from './calendar-filters.component';
import { CALENDAR_VIEWS, CalendarView, gridFor, instantAt, step, titleFor } from './calendar-grid';
import { CalendarMove, CalendarSlot, clock, DenseList } from './calendar-moves';
import { CalendarThumbnails } from './calendar-thumbnails';
import { MonthGridComponent, PER_DAY } from './month-grid.component';
import { CalendarDays, PostsApi } from './posts.api';
import { TimeGridComponent } from './time-grid.component';

const VIEW_KEYS: Record<string, CalendarView> = { m: 'month', w: 'week', d: 'day' };
/** A click on a month's day composes at the workspace's first posting time, or this. */
const DEFAULT_COMPOSE_MINUTES = 9 * 60;

/**
 * The calendar in the workspace's zone: a month, or a week or a day as a time grid. The view,
 * the date and the filters live in the URL, so a reload or a shared link shows the same thing.
 */
@Component({
  selector: 'so-calendar',
  imports: [
    RouterLink,
    TitleCasePipe,
    BannerComponent,
    CalendarDayListComponent,
    CalendarFiltersComponent,
    MonthGridComponent,
    TimeGridComponent,
  ],
  providers: [CalendarThumbnails],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // On the document: the keys work wherever focus is on the page, not only inside the calendar.
  host: { '(document:keydown)': 'shortcut($event)' },
  template: `
    <div class="page-head">
      <h1>Calendar</h1>
      @if (editable()) {
        <a class="button primary" routerLink="../compose">New post</a>
      }
    </div>
    <so-banner [message]="error()" />
    @if (notice()) {
      <so-banner kind="success" [message]="notice()" />
    }
    <div class="toolbar">
      <div class="segmented" role="group" aria-label="View">
        @for (v of views; track v) {
          <button
            type="button"
            [attr.aria-pressed]="view() === v"
            [attr.aria-keyshortcuts]="v[0].toUpperCase()"
            (click)="show({ view: v })"
          >
            {{ v | titlecase }}
          </button>
        }
      </div>
      <button type="button" (click)="go(-1)" aria-label="Previous" aria-keyshortcuts="ArrowLeft">‹</button>
      <button type="button" (click)="today()" aria-keyshortcuts="T">Today</button>
      <button type="button" (click)="go(1)" aria-label="Next" aria-keyshortcuts="ArrowRight">›</button>
      <h2 class="period" data-testid="calendar-period" aria-live="polite">{{ title() }}</h2>
      <span class="muted small">Times in {{ zone() }}</span>
      @if (loading()) {
        <span class="muted small" role="status">Loading…</span>
      }
    </div>
    <so-calendar-filters
      [value]="filters()"
      [accounts]="accounts.accounts() ?? []"
      [labels]="labels()"
      [authors]="authors()"
      (changed)="show($event)"
    />
    @if (view() === 'month') {
      <so-month-grid
        [days]="grid().days"
        [entriesByDay]="byDay()"
        [totals]="totals()"
        [warnings]="warnings()"
        [zone]="zone()"
        [accountName]="accountName"
        [thumbnails]="thumbnails.urls()"
        [editable]="editable()"
        (composeOn)="compose({ date: $event, minutes: firstPostingMinutes() })"
        (moved)="move($event)"
        (more)="showMore($event)"
      />
    } @else {
      <so-time-grid
        [days]="grid().days"
        [entriesByDay]="byDay()"
        [zone]="zone()"
        [accountName]="accountName"
        [thumbnails]="thumbnails.urls()"
        [editable]="editable()"
        (compose)="compose($event)"
        (moved)="move($event)"
        (more)="showMore($event)"
      />
    }
    @if (more() > 0) {
      <p class="muted center" role="status">
        {{ more() }} more occurrences of posts that repeat very often are not shown in this period.
      </p>
    }
    @if (loaded() && entries().length === 0) {
      <p class="muted center" data-testid="calendar-empty">
        @if (filtered()) {
          Nothing in this period matches the filters.
        } @else {
          Nothing planned in this period.
          @if (editable()) {
            Click a time to write a post for it.
          }
        }
      </p>
    }
    <p class="muted small keys">
      Keys: <kbd>←</kbd> <kbd>→</kbd> previous and next, <kbd>T</kbd> today, <kbd>M</kbd> <kbd>W</kbd>
      <kbd>D</kbd> month, week, day; on a focused post, <kbd>Alt</kbd> + arrows move it.
    </p>
    <so-calendar-day-list
      [list]="dense()"
      [zone]="zone()"
      [accountName]="accountName"
      [thumbnails]="thumbnails.urls()"
      (closed)="dense.set(null)"
    />
  `,
  styles: `
    .keys {
      margin-top: 0.8rem;
    }
    kbd {
      font: inherit;
      font-size: 0.75rem;
      border: 1px solid var(--border);
      border-bottom-width: 2px;
      border-radius: 4px;
      padding: 0 0.3rem;
      background: var(--surface);
    }
  `,
})
export class CalendarPage implements OnInit {
  private readonly api = inject(PostsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly workspaces = inject(WorkspaceService);
  private readonly auth = inject(AuthService);
  private readonly team = inject(TeamApi);
  readonly accounts = inject(AccountsStore);
  readonly thumbnails = inject(CalendarThumbnails);

  // The URL's query parameters (the router binds them).
  readonly viewParam = input<string | undefined>(undefined, { alias: 'view' });
  readonly dateParam = input<string | undefined>(undefined, { alias: 'date' });
  readonly account = input<string | undefined>();
  readonly network = input<string | undefined>();
  readonly label = input<string | undefined>();
  readonly state = input<string | undefined>();
  readonly author = input<string | undefined>();

  readonly views = CALENDAR_VIEWS;
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  readonly editable = computed(() => this.workspaces.can('posts:write'));
  readonly view = computed<CalendarView>(() =>
    CALENDAR_VIEWS.includes(this.viewParam() as CalendarView) ? (this.viewParam() as CalendarView) : 'week',
  );
  readonly anchor = computed(() => {
    const date = this.dateParam() ? DateTime.fromISO(this.dateParam()!, { zone: this.zone() }) : null;
    return date?.isValid ? date : DateTime.now().setZone(this.zone());
  });
  readonly filters = computed<CalendarFilters>(() => ({
    account: this.account() ?? '',
    network: (this.network() ?? '') as CalendarFilters['network'],
    label: this.label() ?? '',
    state: this.state() ?? '',
    author: this.author() ?? '',
  }));
  readonly filtered = computed(() => Object.keys(activeFilters(this.filters())).length > 0);
  private readonly firstDayOfWeek = computed(() => this.workspaces.current()?.firstDayOfWeek ?? 1);
  readonly grid = computed(() => gridFor(this.view(), this.anchor(), this.firstDayOfWeek()));
  readonly title = computed(() => titleFor(this.view(), this.anchor(), this.firstDayOfWeek()));

  readonly entries = signal<CalendarEntry[]>([]);
  /** A month's days' totals: its entries are only each day's first few (the days' summaries). */
  readonly totals = signal<Map<string, number> | null>(null);
  readonly warnings = signal<QuotaWarning[]>([]);
  readonly more = signal(0);
  readonly labels = signal<Label[]>([]);
  readonly authors = signal<AuthorOption[]>([]);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  readonly loaded = signal(false);
  /** A period, view or filter asked for and not answered yet: what shows is the one before. */
  readonly loading = signal(false);
  readonly dense = signal<DenseList | null>(null);
  private readonly dayList = viewChild.required(CalendarDayListComponent);
  /** Answers to an earlier period or filter than the one shown are dropped. */
  private loads = 0;

  /** Entries by local day, grouped once per load: a month can hold thousands, and each day cell asks. */
  readonly byDay = computed(() => {
    const days = new Map<string, CalendarEntry[]>();
    for (const e of this.entries()) {
      const date = DateTime.fromISO(e.at, { zone: this.zone() }).toISODate()!;
      const day = days.get(date);
      if (day) day.push(e);
      else days.set(date, [e]);
    }
    return days;
  });

  private readonly accountNames = computed(
    () => new Map((this.accounts.accounts() ?? []).map((a) => [a.id, a.name] as const)),
  );
  readonly accountName = (id: string): string => this.accountNames().get(id) ?? 'Removed account';

  constructor() {
    // The URL decides what is shown: any change of view, date, filters or zone reads it afresh.
    effect(() => {
      const request = { ...this.grid(), filters: activeFilters(this.filters()), view: this.view() };
      untracked(() => void this.load(request.from, request.to, request.filters, request.view));
    });
  }

  async ngOnInit(): Promise<void> {
    await Promise.all([this.accounts.load(), this.loadLabels(), this.loadAuthors()]);
  }

  private async load(from: string, to: string, filters: Partial<CalendarFilters>, view: CalendarView) {
    const load = ++this.loads;
    this.loading.set(true);
    try {
      // A month reads each day's counts and first few (a busy month holds thousands); a time grid places every entry.
      const range =
        view === 'month'
          ? this.summaries(await this.api.calendarDays(from, to, filters, PER_DAY))
          : { ...(await this.api.calendar(from, to, filters)), totals: null };
      if (load !== this.loads) return;
      this.entries.set(range.entries);
      this.totals.set(range.totals);
      this.warnings.set(range.quotaWarnings);
      this.more.set(range.more ?? 0);
      this.error.set(null);
      // A month can hold thousands of posts: thumbnails are for the time grids.
      if (view !== 'month') void this.thumbnails.loadFor(range.entries);
    } catch (error) {
      if (load === this.loads) this.error.set(problemText(error));
    }
    if (load === this.loads) this.loading.set(false);
    this.loaded.set(true);
  }

  private summaries(range: CalendarDays) {
    return {
      ...range,
      entries: range.days.flatMap((d) => d.entries),
      totals: new Map(range.days.map((d) => [d.date, d.total])),
    };
  }

  private async loadLabels(): Promise<void> {
    try {
      this.labels.set(await this.api.labels());
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  /** The workspace's members when the person may see them; otherwise only themselves. */
  private async loadAuthors(): Promise<void> {
    const me = this.auth.user();
    const mine: AuthorOption[] = me ? [{ id: me.id, name: `Me (${me.name})` }] : [];
    if (!this.workspaces.can('members:read')) return this.authors.set(mine);
    try {
      const members = await this.team.members();
      this.authors.set([
        ...mine,
        ...members.filter((m) => m.userId !== me?.id).map((m) => ({ id: m.userId, name: m.name })),
      ]);
    } catch (error) {
      this.authors.set(mine);
      this.error.set(problemText(error));
    }
  }

  /** Changes what the URL says to show (view, date, filters); the page follows the URL. */
  show(change: Partial<CalendarFilters> & { view?: CalendarView; date?: string }): Promise<boolean> {
    const queryParams = Object.fromEntries(Object.entries(change).map(([key, value]) => [key, value || null]));
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  go(direction: 1 | -1): Promise<boolean> {
    return this.show({ date: step(this.view(), this.anchor(), direction).toISODate()! });
  }

  today(): Promise<boolean> {
    return this.show({ date: DateTime.now().setZone(this.zone()).toISODate()! });
  }

  /** ← → T M W D, unless the person is typing, holds a modifier, or is in a dialog. */
  shortcut(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || this.dense()) return;
    if (target.closest('input, select, textarea, [contenteditable="true"], dialog, [role="dialog"]')) return;
    const key = event.key.toLowerCase();
    if (event.key === 'ArrowLeft') void this.go(-1);
    else if (event.key === 'ArrowRight') void this.go(1);
    else if (key === 't') void this.today();
    else if (VIEW_KEYS[key]) void this.show({ view: VIEW_KEYS[key] });
    else return;
    event.preventDefault();
  }

  /** The composer, with the time clicked in the workspace zone. */
  compose(slot: CalendarSlot): Promise<boolean> {
    return this.router.navigate(['..', 'compose'], {
      relativeTo: this.route,
      queryParams: { at: `${slot.date}T${clock(slot.minutes)}` },
    });
  }

  firstPostingMinutes(): number {
    const first = [...(this.workspaces.current()?.defaultPostingTimes ?? [])].sort()[0];
    if (!first) return DEFAULT_COMPOSE_MINUTES;
    const [hour, minute] = first.split(':').map(Number);
    return hour * 60 + minute;
  }

  /** A day's every post; a month's day holds only its first few, so the rest are read then. */
  async showMore(list: DenseList): Promise<void> {
    try {
      const entries = list.date ? await this.api.calendarDay(list.date, activeFilters(this.filters())) : list.entries;
      this.dense.set({ ...list, entries });
      this.dayList().open();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  /** Shown at once where it was dropped; the post's schedule (every account's variant) moves with it. */
  async move({ entry, date, minutes }: CalendarMove): Promise<void> {
    const at = instantAt(date, minutes, this.zone());
    this.entries.update((entries) =>
      entries.map((e) => (e.postId === entry.postId && e.at === entry.at ? { ...e, at } : e)),
    );
    try {
      await this.api.reschedule(entry.postId, { type: 'single', at });
      this.notice.set(`Moved “${entry.title}” to ${formatWhen(at, this.zone())}.`);
      this.error.set(null);
    } catch (error) {
      this.notice.set(null);
      this.error.set(problemText(error));
    }
    await this.load(this.grid().from, this.grid().to, activeFilters(this.filters()), this.view());
  }
}
