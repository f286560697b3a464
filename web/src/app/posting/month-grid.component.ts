import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { DateTime } from 'luxon';
import type { CalendarEntry, QuotaWarning } from '../core/api.types';
import { formatWhen } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import { CalendarEntryComponent } from './calendar-entry.component';
import type { CalendarDay } from './calendar-grid';
import { CalendarMove, canMove, DenseList } from './calendar-moves';

/** Entries a day cell shows before "+N more". */
export const PER_DAY = 4;

/**
 * The month as six weeks of days. A scheduled post dragged to another day keeps its time of day;
 * a click on a day's empty space (or its + button) composes on that day; a busy day shows its
 * first entries and a "+N more" that lists them all.
 */
@Component({
  selector: 'so-month-grid',
  imports: [CdkDropListGroup, CdkDropList, CdkDrag, CalendarEntryComponent, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="month" cdkDropListGroup>
      @for (d of weekdayNames(); track d) {
        <div class="weekday-head" aria-hidden="true">{{ d }}</div>
      }
      @for (day of days(); track day.date) {
        @let entries = entriesByDay().get(day.date) ?? [];
        @let total = totals()?.get(day.date) ?? entries.length;
        <section
          class="day"
          [class.outside]="!day.inMonth"
          [class.today]="day.today"
          [class.near-quota]="warningsOn(day.date).length > 0"
          [attr.data-date]="day.date"
          [attr.aria-label]="day.longLabel"
          cdkDropList
          [cdkDropListData]="day.date"
          [cdkDropListDisabled]="!editable()"
          (cdkDropListDropped)="dropped($event)"
          (click)="$event.target === $event.currentTarget && composeOn.emit(day.date)"
        >
          <div class="day-head">
            <h3 class="day-label">{{ day.label }}</h3>
            @if (editable()) {
              <button
                type="button"
                class="day-add"
                [attr.aria-label]="'New post on ' + day.longLabel"
                (click)="composeOn.emit(day.date)"
              >
                <so-icon name="plus" [size]="14" />
              </button>
            }
          </div>
          @for (w of warningsOn(day.date); track w.accountId) {
            <p class="quota-warning" [title]="w.quota">
              <so-icon name="warning" [size]="12" /> {{ accountName()(w.accountId) }}: {{ w.count }}/{{ w.max }}
            </p>
          }
          @for (e of entries.slice(0, perDay); track e.variantId + e.at) {
            <so-calendar-entry
              [entry]="e"
              [zone]="zone()"
              [accountName]="accountName()(e.accountId)"
              [thumbnail]="e.mediaId ? (thumbnails()[e.mediaId] ?? null) : null"
              cdkDrag
              [cdkDragData]="e"
              [cdkDragDisabled]="!editable() || !canMove(e)"
            />
          }
          @if (total > perDay) {
            <button
              type="button"
              class="link more"
              (click)="more.emit({ heading: day.longLabel, entries, date: totals() ? day.date : undefined })"
            >
              +{{ total - perDay }} more
            </button>
          }
        </section>
      }
    </div>
  `,
  styles: `
    .month {
      display: grid;
      grid-template-columns: repeat(7, minmax(0, 1fr));
      gap: 4px;
    }
    .weekday-head {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--muted);
      padding: 0 0.3rem;
    }
    .day {
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 8px;
      min-height: 7rem;
      padding: 0.3rem;
      display: flex;
      flex-direction: column;
      gap: 3px;
      cursor: copy;
    }
    .day.outside {
      opacity: 0.55;
    }
    .day.today {
      border-color: var(--primary);
    }
    .day.near-quota {
      background: #fffaf0;
    }
    .day-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .day-label {
      font-size: 0.8rem;
      margin: 0;
      color: var(--muted);
    }
    .day.today .day-label {
      color: var(--primary);
      font-weight: 700;
    }
    .day-add {
      padding: 0 0.2rem;
      border: 0;
      background: transparent;
      color: var(--muted);
      opacity: 0;
    }
    .day:hover .day-add,
    .day-add:focus-visible {
      opacity: 1;
    }
    .quota-warning {
      display: flex;
      align-items: center;
      gap: 0.2rem;
      font-size: 0.72rem;
      margin: 0;
      color: #8a5a00;
    }
    .more {
      justify-content: flex-start;
      font-size: 0.75rem;
      padding: 0 0.2rem;
    }
    .cdk-drag-placeholder {
      opacity: 0.3;
    }
  `,
})
export class MonthGridComponent {
  readonly days = input.required<CalendarDay[]>();
  readonly entriesByDay = input.required<Map<string, CalendarEntry[]>>();
  /** Each day's number of entries, when `entriesByDay` holds only the first few of each (the days' summaries). */
  readonly totals = input<Map<string, number> | null>(null);
  readonly warnings = input<QuotaWarning[]>([]);
  readonly zone = input.required<string>();
  readonly accountName = input.required<(id: string) => string>();
  readonly thumbnails = input<Partial<Record<string, string>>>({});
  readonly editable = input(true);

  readonly composeOn = output<string>();
  readonly moved = output<CalendarMove>();
  readonly more = output<DenseList>();

  readonly perDay = PER_DAY;
  readonly canMove = canMove;
  readonly weekdayNames = computed(() =>
    this.days()
      .slice(0, 7)
      .map((d) => formatWhen(DateTime.fromISO(d.date, { zone: 'UTC' }), 'UTC', 'weekday')),
  );

  warningsOn(date: string): QuotaWarning[] {
    return this.warnings().filter((w) => w.date === date);
  }

  /** Same time of day, another day. */
  dropped(event: CdkDragDrop<string, string, CalendarEntry>): void {
    const entry = event.item.data;
    if (event.previousContainer === event.container || !canMove(entry)) return;
    const local = DateTime.fromISO(entry.at, { zone: this.zone() });
    this.moved.emit({ entry, date: event.container.data, minutes: local.hour * 60 + local.minute });
  }
}
