import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type FigureStyle, FigurePipe, formatFigure } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import type { KpiFigure } from './analytics.api';
import { notProvidedText } from './metric-formulas';

/**
 * One key figure of the period: its value, and (when comparing) its change against the previous
 * period. A figure no network provides says so instead of showing a zero; a formula is one focus away.
 */
@Component({
  selector: 'so-kpi-card',
  imports: [FigurePipe, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kpi card" [attr.data-kpi]="name()">
      <h3 class="kpi-label">
        {{ label() }}
        @if (formula()) {
          <button type="button" class="icon kpi-help" [attr.aria-describedby]="helpId" [attr.title]="formula()">
            <so-icon name="info" [size]="14" label="How it is counted" />
          </button>
          <span role="tooltip" class="kpi-tooltip" [id]="helpId">{{ formula() }}</span>
        }
      </h3>
      @if (figure().value === null) {
        <p class="kpi-value muted" data-testid="kpi-value">—</p>
        <p class="small muted">{{ missingText() }}</p>
      } @else {
        <p class="kpi-value" data-testid="kpi-value">{{ figure().value | figure: style() }}</p>
        @if (compare()) {
          <p class="small kpi-change" [class.up]="direction() === 'up'" [class.down]="direction() === 'down'">
            @if (direction() === 'up') {
              <so-icon name="arrow-up" [size]="14" />
            } @else if (direction() === 'down') {
              <so-icon name="arrow-down" [size]="14" />
            }
            <span data-testid="kpi-change">{{ changeText() }}</span>
          </p>
        }
        @if (note()) {
          <p class="small muted">{{ note() }}</p>
        }
      }
    </div>
  `,
  styles: `
    .kpi {
      position: relative;
      margin: 0;
    }
    .kpi-label {
      display: flex;
      align-items: center;
      gap: 0.25rem;
      font-size: 0.85rem;
      font-weight: 500;
      color: var(--muted);
      margin: 0 0 0.3rem;
    }
    .kpi-help {
      padding: 0.1rem;
    }
    .kpi-tooltip {
      display: none;
      position: absolute;
      z-index: 2;
      top: 2rem;
      left: 0.5rem;
      right: 0.5rem;
      padding: 0.4rem 0.6rem;
      border-radius: 6px;
      background: var(--text);
      color: var(--surface);
      font-size: 0.8rem;
      font-weight: 400;
    }
    .kpi-help:hover + .kpi-tooltip,
    .kpi-help:focus-visible + .kpi-tooltip {
      display: block;
    }
    .kpi-value {
      font-size: 1.6rem;
      font-weight: 600;
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .kpi-change {
      display: flex;
      align-items: center;
      gap: 0.2rem;
      margin: 0.2rem 0 0;
      color: var(--muted);
    }
    .kpi-change.up {
      color: var(--success);
    }
    .kpi-change.down {
      color: var(--danger);
    }
  `,
})
export class KpiCardComponent {
  private static next = 0;
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly figure = input.required<KpiFigure>();
  readonly style = input<FigureStyle>('count');
  readonly compare = input(true);
  /** The networks that do not provide this figure, in the filtered accounts. */
  readonly notProvidedBy = input<string[]>([]);
  readonly formula = input<string | null>(null);
  /** A line under the figure (e.g. the rate's basis). */
  readonly note = input<string | null>(null);
  readonly helpId = `kpi-help-${KpiCardComponent.next++}`;

  readonly direction = computed(() => {
    const change = this.figure().changePercent;
    if (change === null || change === 0) return 'flat';
    return change > 0 ? 'up' : 'down';
  });

  readonly changeText = computed(() => {
    const { previous, changePercent } = this.figure();
    if (previous === null) return 'Nothing to compare with in the previous period';
    const before = `previous period ${formatFigure(previous, this.style())}`;
    if (changePercent === null)
      return previous === 0 ? `Up from 0 in the previous period` : `No change to measure (${before})`;
    return `${formatFigure(changePercent, 'change')} vs ${before}`;
  });

  readonly missingText = computed(() =>
    this.notProvidedBy().length ? notProvidedText(this.notProvidedBy()) : 'No data in this period',
  );
}
