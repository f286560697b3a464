import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, signal } from '@angular/core';
import { formatFigure } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import type { BestTimeCell } from './analytics.api';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** "09:00": an hour of the day in the workspace's zone (the API counts hours there). */
export const hourText = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

interface GridCell extends BestTimeCell {
  best: boolean;
  /** 0–1 along the colour scale; null without a value. */
  level: number | null;
  text: string;
}

/**
 * The week as 7 × 24 cells coloured by engagement rate, each saying its value and the number of
 * posts behind it. One tab stop; arrow keys, Home and End move between cells.
 */
@Component({
  selector: 'so-best-times-heatmap',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table class="heatmap" role="grid" [attr.aria-label]="label()" data-testid="heatmap" (keydown)="move($event)">
        <thead>
          <tr>
            <td></td>
            @for (h of hours; track h) {
              <th scope="col" class="hour">
                <span [class.visually-hidden]="h % 3 !== 0">{{ hourText(h) }}</span>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of grid(); track $index; let d = $index) {
            <tr>
              <th scope="row" class="weekday">
                {{ weekdays[d].slice(0, 3) }}<span class="visually-hidden">{{ weekdays[d].slice(3) }}</span>
              </th>
              @for (c of row; track c.hour) {
                <td
                  class="cell"
                  [class.best]="c.best"
                  [class.no-value]="c.level === null"
                  [style.--level]="c.level"
                  [attr.tabindex]="isActive(d, c.hour) ? 0 : -1"
                  [attr.title]="c.text"
                  [attr.aria-label]="c.text"
                  [attr.data-cell]="c.weekday + '-' + c.hour"
                  (focus)="active.set({ day: d, hour: c.hour })"
                >
                  @if (c.best) {
                    <so-icon name="star" [size]="10" />
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <div class="scale" aria-hidden="true">
      <span class="small muted">{{ low() }}</span>
      <span class="gradient"></span>
      <span class="small muted">{{ high() }}</span>
      <span class="small muted"><so-icon name="star" [size]="10" /> best times</span>
      <span class="small muted"><span class="swatch no-value"></span> too few posts to say</span>
    </div>
  `,
  styles: `
    .heatmap {
      border-collapse: separate;
      border-spacing: 2px;
      width: auto;
    }
    .heatmap th,
    .heatmap td {
      padding: 0;
      border: 0;
    }
    .hour {
      font-size: 0.7rem;
      font-weight: 400;
      color: var(--muted);
      text-align: left;
      min-width: 1.6rem;
    }
    .weekday {
      font-size: 0.8rem;
      font-weight: 500;
      padding-right: 0.4rem;
      text-align: right;
    }
    .cell {
      width: 1.6rem;
      height: 1.6rem;
      border-radius: 4px;
      text-align: center;
      color: #fff;
      background: color-mix(in srgb, var(--primary) calc(12% + var(--level, 0) * 88%), #fff);
      cursor: default;
    }
    .cell.no-value,
    .swatch.no-value {
      background: repeating-linear-gradient(45deg, #f2f4f7, #f2f4f7 3px, #e3e6ee 3px, #e3e6ee 5px);
    }
    .cell:focus-visible {
      outline: 3px solid var(--text);
      outline-offset: 1px;
    }
    .scale {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-top: 0.5rem;
      flex-wrap: wrap;
    }
    .gradient {
      width: 8rem;
      height: 0.7rem;
      border-radius: 4px;
      background: linear-gradient(90deg, color-mix(in srgb, var(--primary) 12%, #fff), var(--primary));
    }
    .swatch {
      display: inline-block;
      width: 0.8rem;
      height: 0.8rem;
      border-radius: 3px;
      vertical-align: middle;
    }
  `,
})
export class BestTimesHeatmapComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  readonly cells = input.required<BestTimeCell[]>();
  readonly best = input<Array<{ weekday: number; hour: number }>>([]);
  readonly label = input('Engagement rate by weekday and hour');
  readonly weekdays = WEEKDAYS;
  readonly hours = HOURS;
  readonly hourText = hourText;
  readonly active = signal({ day: 0, hour: 9 });

  private readonly range = computed(() => {
    const values = this.cells()
      .map((c) => c.value)
      .filter((v): v is number => v !== null);
    return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null;
  });

  readonly low = computed(() => formatFigure(this.range()?.min ?? null, 'percent'));
  readonly high = computed(() => formatFigure(this.range()?.max ?? null, 'percent'));

  readonly grid = computed<GridCell[][]>(() => {
    const byKey = new Map(this.cells().map((c) => [`${c.weekday}-${c.hour}`, c]));
    const best = new Set(this.best().map((b) => `${b.weekday}-${b.hour}`));
    const range = this.range();
    return WEEKDAYS.map((_, d) =>
      HOURS.map((hour) => {
        const weekday = d + 1;
        const cell = byKey.get(`${weekday}-${hour}`) ?? { weekday, hour, posts: 0, value: null };
        const level =
          cell.value === null || !range
            ? null
            : range.max === range.min
              ? 1
              : (cell.value - range.min) / (range.max - range.min);
        return {
          ...cell,
          best: best.has(`${weekday}-${hour}`),
          level,
          text: this.describe(cell, best.has(`${weekday}-${hour}`)),
        };
      }),
    );
  });

  isActive(day: number, hour: number): boolean {
    const a = this.active();
    return a.day === day && a.hour === hour;
  }

  /** Arrow keys move a cell; Home/End go to the row's ends. */
  move(event: KeyboardEvent): void {
    const { day, hour } = this.active();
    const next = { day, hour };
    if (event.key === 'ArrowRight') next.hour = Math.min(23, hour + 1);
    else if (event.key === 'ArrowLeft') next.hour = Math.max(0, hour - 1);
    else if (event.key === 'ArrowDown') next.day = Math.min(6, day + 1);
    else if (event.key === 'ArrowUp') next.day = Math.max(0, day - 1);
    else if (event.key === 'Home') next.hour = 0;
    else if (event.key === 'End') next.hour = 23;
    else return;
    event.preventDefault();
    this.active.set(next);
    this.host.querySelector<HTMLElement>(`[data-cell="${next.day + 1}-${next.hour}"]`)?.focus();
  }

  private describe(cell: BestTimeCell, best: boolean): string {
    const when = `${WEEKDAYS[cell.weekday - 1]} ${hourText(cell.hour)}`;
    const posts = `${formatFigure(cell.posts)} post${cell.posts === 1 ? '' : 's'}`;
    const value =
      cell.value === null
        ? `${posts}, too few to say`
        : `engagement rate ${formatFigure(cell.value, 'percent')} from ${posts}`;
    return `${when}: ${value}${best ? ' (a best time)' : ''}`;
  }
}
