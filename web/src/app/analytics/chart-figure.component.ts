import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { WorkspaceService } from '../core/workspace.service';
import { type FigureStyle, formatFigure, formatWhen } from '../shared/format';
import { dayInZone } from './date-range';

/** One column of a chart's table: how its cells are written. */
export interface FigureColumn {
  key: string;
  label: string;
  /** A figure style, 'day' for a YYYY-MM-DD, 'moment' for an ISO instant, or plain text. */
  style?: FigureStyle | 'day' | 'moment' | 'text';
}

export type FigureRow = Record<string, unknown>;

/**
 * A chart with its data as a table. The table is always there for screen readers (the drawing is
 * hidden from them); "Show table" shows it to everyone instead of the drawing.
 */
@Component({
  selector: 'so-chart-figure',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart-figure card" [attr.aria-labelledby]="headingId">
      <div class="chart-head">
        <h2 [id]="headingId">{{ heading() }}</h2>
        <button type="button" class="small" [attr.aria-pressed]="asTable()" (click)="asTable.set(!asTable())">
          {{ asTable() ? 'Show chart' : 'Show table' }}
        </button>
      </div>
      @if (description()) {
        <p class="muted small">{{ description() }}</p>
      }
      <div class="chart-body" aria-hidden="true" [hidden]="asTable()">
        <ng-content />
      </div>
      <div class="table-scroll" [class.visually-hidden]="!asTable()">
        <table class="figure-table">
          <caption class="visually-hidden">
            {{
              heading()
            }}
          </caption>
          <thead>
            <tr>
              @for (c of columns(); track c.key) {
                <th scope="col">{{ c.label }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track $index) {
              <tr>
                @for (c of columns(); track c.key; let first = $first) {
                  @if (first) {
                    <th scope="row">{{ cell(row, c) }}</th>
                  } @else {
                    <td>{{ cell(row, c) }}</td>
                  }
                }
              </tr>
            } @empty {
              <tr>
                <td [attr.colspan]="columns().length" class="muted">No data in this period.</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </figure>
  `,
  styles: `
    .chart-figure {
      margin: 0 0 1rem;
    }
    .chart-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
    }
    .chart-body {
      height: 300px;
    }
    /* Previous-period lines (compare-lines.ts PREVIOUS_TINTS): dashed. */
    .chart-body
      ::ng-deep
      path.line:is(
        [stroke='#a5b4fc'],
        [stroke='#7dd3fc'],
        [stroke='#fcd34d'],
        [stroke='#f9a8d4'],
        [stroke='#6ee7b7'],
        [stroke='#d1d5db']
      ) {
      stroke-dasharray: 6 4;
    }
    .figure-table td,
    .figure-table th[scope='row'] {
      font-variant-numeric: tabular-nums;
    }
    .figure-table td {
      text-align: right;
    }
  `,
})
export class ChartFigureComponent {
  private static next = 0;
  private readonly workspaces = inject(WorkspaceService);
  readonly heading = input.required<string>();
  readonly description = input<string>('');
  readonly columns = input.required<FigureColumn[]>();
  /** Any rows (FigureRow or an API's own row type); cells are read by column key. */
  readonly rows = input.required<readonly object[]>();
  readonly asTable = signal(false);
  readonly headingId = `chart-figure-${ChartFigureComponent.next++}`;
  private readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');

  cell(row: object, column: FigureColumn): string {
    const value = (row as Record<string, unknown>)[column.key];
    const style = column.style ?? 'count';
    if (style === 'text') return value === null || value === undefined ? '—' : String(value);
    if (style === 'day')
      return typeof value === 'string' ? formatWhen(dayInZone(value, this.zone()), this.zone(), 'date') : '—';
    if (style === 'moment') return formatWhen(value as string | null, this.zone());
    return formatFigure(value as number | null, style);
  }
}
