import { CdkDrag, CdkDragEnd, CdkDragMove } from '@angular/cdk/drag-drop';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import { DateTime } from 'luxon';
import type { CalendarEntry } from '../core/api.types';
import { CalendarEntryComponent } from './calendar-entry.component';
import type { CalendarDay } from './calendar-grid';
import { CalendarMove, CalendarSlot, canMove, clock, DenseList, SLOT_MINUTES, toSlot } from './calendar-moves';

/** Pixels per hour: room for two entries and a "+N more" line. */
const HOUR_PX = 64;
/** Where the grid opens: the start of a working day. */
const WORKING_HOURS_FROM = 8;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * Week and day views as a time grid, hours down and days across, in the workspace zone. Each hour
 * of each day is a button that composes at the quarter clicked; an entry dragged to another
 * quarter-hour, or moved with Alt+arrows, asks to be rescheduled there. A busy hour shows its
 * first entries and a "+N more" that lists them all.
 */
@Component({
  selector: 'so-time-grid',
  imports: [CdkDrag, CalendarEntryComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="tg"
      #scroller
      [class.single]="days().length === 1"
      [style.--days]="days().length"
      [style.--hour]="hourPx + 'px'"
    >
      <div class="tg-corner" aria-hidden="true"></div>
      @for (day of days(); track day.date) {
        <div class="tg-day-head" [class.today]="day.today">
          <span class="tg-day-name">{{ day.label }}</span>
          @if (countOn(day.date); as n) {
            <span class="muted small">{{ n }} post{{ n === 1 ? '' : 's' }}</span>
          }
        </div>
      }
      <div class="tg-gutter" aria-hidden="true">
        @for (hour of hours; track hour) {
          <div class="tg-hour-label">{{ clock(hour * 60) }}</div>
        }
      </div>
      @for (day of days(); track day.date) {
        <section class="tg-day day" #column [attr.data-date]="day.date" [attr.aria-label]="day.longLabel">
          @for (hour of hours; track hour) {
            @let cell = cellOf(day.date, hour);
            <div class="tg-hour" [attr.data-hour]="hour">
              <!-- Out of the tab order: 168 empty hours would bury the posts; the page's New post composes by keyboard. -->
              <button
                type="button"
                tabindex="-1"
                class="tg-slot"
                [attr.aria-label]="'New post on ' + day.longLabel + ' at ' + clock(hour * 60)"
                (click)="composeAt(day.date, hour, $event)"
              ></button>
              @if (cell.length) {
                <div class="tg-entries">
                  @for (e of cell.slice(0, perHour()); track e.variantId + e.at) {
                    <so-calendar-entry
                      [entry]="e"
                      [zone]="zone()"
                      [accountName]="accountName()(e.accountId)"
                      [thumbnail]="e.mediaId ? (thumbnails()[e.mediaId] ?? null) : null"
                      [compact]="days().length > 1"
                      cdkDrag
                      [cdkDragData]="e"
                      [cdkDragDisabled]="!movable(e)"
                      (cdkDragMoved)="dragMoved($event)"
                      (cdkDragEnded)="dragEnded($event)"
                      (keydown.alt.arrowup)="nudge($event, e, 0, -SLOT)"
                      (keydown.alt.arrowdown)="nudge($event, e, 0, SLOT)"
                      (keydown.alt.arrowleft)="nudge($event, e, -1, 0)"
                      (keydown.alt.arrowright)="nudge($event, e, 1, 0)"
                    />
                  }
                  @if (cell.length > perHour()) {
                    <button type="button" class="link tg-more" (click)="showAll(day, hour, cell)">
                      +{{ cell.length - perHour() }} more
                    </button>
                  }
                </div>
              }
            </div>
          }
          @if (day.today) {
            <div class="now-line" [style.top.px]="nowTop()" aria-hidden="true" data-testid="now-line"></div>
          }
          @if (target(); as t) {
            @if (t.date === day.date) {
              <div class="drop-target" [style.top.px]="(t.minutes / 60) * hourPx" aria-hidden="true">
                {{ clock(t.minutes) }}
              </div>
            }
          }
        </section>
      }
    </div>
  `,
  styles: `
    .tg {
      display: grid;
      grid-template-columns: 3.5rem repeat(var(--days), minmax(0, 1fr));
      grid-template-rows: auto 1fr;
      max-height: max(28rem, calc(100vh - 16rem));
      overflow-y: auto;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 8px;
    }
    .tg-corner,
    .tg-day-head {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--surface);
      border-bottom: 1px solid var(--border);
    }
    .tg-day-head {
      display: flex;
      flex-direction: column;
      padding: 0.3rem 0.4rem;
      border-left: 1px solid var(--border);
      font-size: 0.85rem;
    }
    .tg-day-head.today .tg-day-name {
      color: var(--primary);
      font-weight: 700;
    }
    .tg-hour-label {
      height: var(--hour);
      font-size: 0.72rem;
      color: var(--muted);
      text-align: right;
      padding-right: 0.4rem;
      transform: translateY(-0.45rem);
    }
    .tg-hour-label:first-child {
      transform: none;
    }
    .tg-day {
      position: relative;
      border-left: 1px solid var(--border);
    }
    .tg-hour {
      position: relative;
      height: var(--hour);
      border-top: 1px solid var(--border);
      box-sizing: border-box;
    }
    .tg-hour:first-child {
      border-top: 0;
    }
    .tg-slot {
      position: absolute;
      inset: 0;
      width: 100%;
      border: 0;
      border-radius: 0;
      padding: 0;
      background: transparent;
      cursor: copy;
    }
    .tg-slot:hover {
      background: var(--primary-soft);
    }
    .tg-entries {
      position: absolute;
      inset: 1px 2px auto 2px;
      display: flex;
      flex-wrap: wrap;
      gap: 2px;
      pointer-events: none;
    }
    .tg-entries > * {
      pointer-events: auto;
      flex: 1 1 100%;
    }
    .tg.single .tg-entries > so-calendar-entry {
      flex: 0 1 16rem;
    }
    .tg-more {
      justify-content: flex-start;
      font-size: 0.72rem;
      padding: 0 0.2rem;
    }
    .now-line {
      position: absolute;
      left: 0;
      right: 0;
      height: 0;
      border-top: 2px solid var(--danger);
      pointer-events: none;
    }
    .now-line::before {
      content: '';
      position: absolute;
      left: -5px;
      top: -6px;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--danger);
    }
    .drop-target {
      position: absolute;
      left: 0;
      right: 0;
      height: calc(var(--hour) / 4);
      background: color-mix(in srgb, var(--primary) 18%, transparent);
      border: 1px dashed var(--primary);
      font-size: 0.7rem;
      color: var(--primary-dark);
      padding-left: 0.2rem;
      pointer-events: none;
    }
    .cdk-drag-dragging {
      z-index: 5;
      opacity: 0.9;
      box-shadow: var(--shadow);
    }
  `,
})
export class TimeGridComponent {
  readonly days = input.required<CalendarDay[]>();
  /** Entries by local date (the page groups them once per load). */
  readonly entriesByDay = input.required<Map<string, CalendarEntry[]>>();
  readonly zone = input.required<string>();
  readonly accountName = input.required<(id: string) => string>();
  /** Thumbnail URLs by media id, as they load. */
  readonly thumbnails = input<Partial<Record<string, string>>>({});
  /** False for people who may only read. */
  readonly editable = input(true);

  readonly compose = output<CalendarSlot>();
  readonly moved = output<CalendarMove>();
  readonly more = output<DenseList>();

  readonly hours = HOURS;
  readonly hourPx = HOUR_PX;
  readonly SLOT = SLOT_MINUTES;
  readonly clock = clock;
  /** The quarter-hour under the pointer while an entry is dragged. */
  readonly target = signal<CalendarSlot | null>(null);
  private readonly now = signal(DateTime.now());
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private readonly columns = viewChildren<ElementRef<HTMLElement>>('column');

  /** A day view is wide: entries sit two or more to a row, in two rows. */
  readonly perHour = computed(() => (this.days().length === 1 ? 4 : 2));
  readonly nowTop = computed(() => {
    const local = this.now().setZone(this.zone());
    return ((local.hour * 60 + local.minute) / 60) * HOUR_PX;
  });

  /** Entries by local date and hour, grouped once per change of entries. */
  private readonly cells = computed(() => {
    const cells = new Map<string, CalendarEntry[]>();
    for (const [date, entries] of this.entriesByDay()) {
      for (const e of entries) {
        const key = `${date} ${DateTime.fromISO(e.at, { zone: this.zone() }).hour}`;
        const cell = cells.get(key);
        if (cell) cell.push(e);
        else cells.set(key, [e]);
      }
    }
    return cells;
  });

  constructor() {
    const timer = setInterval(() => this.now.set(DateTime.now()), 60_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    afterNextRender(() => {
      // Half an hour before, so the first working hour's label shows.
      this.scroller().nativeElement.scrollTop = (WORKING_HOURS_FROM - 0.5) * HOUR_PX;
    });
  }

  cellOf(date: string, hour: number): CalendarEntry[] {
    return this.cells().get(`${date} ${hour}`) ?? [];
  }

  countOn(date: string): number {
    return this.entriesByDay().get(date)?.length ?? 0;
  }

  movable(entry: CalendarEntry): boolean {
    return this.editable() && canMove(entry);
  }

  /** A click composes at the quarter-hour clicked; Enter or Space (no pointer) at the full hour. */
  composeAt(date: string, hour: number, event: MouseEvent): void {
    if (!this.editable()) return;
    const quarter = event.detail === 0 ? 0 : Math.floor(event.offsetY / (HOUR_PX / 4));
    this.compose.emit({ date, minutes: toSlot(hour * 60 + quarter * SLOT_MINUTES) });
  }

  showAll(day: CalendarDay, hour: number, entries: CalendarEntry[]): void {
    this.more.emit({ heading: `${day.longLabel}, ${clock(hour * 60)}–${clock((hour + 1) * 60 - 1)}`, entries });
  }

  dragMoved(event: CdkDragMove<CalendarEntry>): void {
    this.target.set(this.slotAt(event.pointerPosition));
  }

  dragEnded(event: CdkDragEnd<CalendarEntry>): void {
    const slot = this.slotAt(event.dropPoint);
    this.target.set(null);
    event.source.reset();
    // The pointer is released over the dragged post itself: the click that follows must not open it.
    const swallow = (click: Event) => {
      click.preventDefault();
      click.stopPropagation();
    };
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }));
    const entry = event.source.data;
    if (slot && !this.isAt(entry, slot)) this.moved.emit({ entry, ...slot });
  }

  /** Alt+Up/Down: a quarter-hour earlier or later; Alt+Left/Right: the day before or after. */
  nudge(event: Event, entry: CalendarEntry, days: number, minutes: number): void {
    if (!this.movable(entry)) return;
    event.preventDefault();
    const local = DateTime.fromISO(entry.at, { zone: this.zone() }).plus({ days, minutes });
    this.moved.emit({ entry, date: local.toISODate()!, minutes: toSlot(local.hour * 60 + local.minute) });
  }

  /** The quarter-hour of the day column under a point of the viewport, if any. */
  private slotAt(point: { x: number; y: number }): CalendarSlot | null {
    for (const column of this.columns()) {
      const rect = column.nativeElement.getBoundingClientRect();
      if (point.x < rect.left || point.x >= rect.right || point.y < rect.top || point.y >= rect.bottom) continue;
      const date = column.nativeElement.dataset['date']!;
      return { date, minutes: toSlot(((point.y - rect.top) / HOUR_PX) * 60) };
    }
    return null;
  }

  private isAt(entry: CalendarEntry, slot: CalendarSlot): boolean {
    const local = DateTime.fromISO(entry.at, { zone: this.zone() });
    return local.toISODate() === slot.date && local.hour * 60 + local.minute === slot.minutes;
  }
}
