import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FigurePipe } from '../../shared/format';
import { IconComponent } from '../../shared/icon.component';
import { networkName } from '../metric-formulas';
import type { CompetitorRow } from './competitors.api';

/** "photo 4, video 1": a period's posts by type, the most used first. */
export function mixText(mix: Record<string, number>): string {
  const parts = Object.entries(mix)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([type, count]) => `${type} ${count}`);
  return parts.length ? parts.join(', ') : '—';
}

/** Competitors beside the workspace's own accounts, one row each, over the same period. */
@Component({
  selector: 'so-competitors-table',
  imports: [FigurePipe, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table class="comparison">
        <caption class="visually-hidden">
          Competitors compared with your accounts
        </caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Network</th>
            <th scope="col">Followers</th>
            <th scope="col">Gained</th>
            <th scope="col">Posts per week</th>
            <th scope="col">Engagement rate</th>
            <th scope="col">Mix</th>
            @if (canRemove()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        @for (group of groups(); track group.name) {
          <tbody>
            <tr class="group">
              <th scope="colgroup" [attr.colspan]="canRemove() ? 8 : 7">{{ group.name }}</th>
            </tr>
            @for (row of group.rows; track row.id) {
              <tr [attr.data-kind]="row.kind">
                <th scope="row">
                  {{ row.kind === 'competitor' ? '@' + row.handle : row.name }}
                  @if (row.kind === 'competitor' && row.name !== row.handle) {
                    <span class="muted small">{{ row.name }}</span>
                  }
                  @if (row.unavailableReason) {
                    <span class="small danger-text"
                      ><so-icon name="warning" [size]="14" /> Not read lately: {{ row.unavailableReason }}</span
                    >
                  }
                </th>
                <td class="text">{{ network(row.network) }}</td>
                <td>{{ row.followers | figure }}</td>
                <td>{{ row.followersGained | figure }}</td>
                <td>{{ row.postsPerWeek | figure: 'decimal' }}</td>
                <td>{{ row.engagementRate | figure: 'percent' }}</td>
                <td class="text">{{ mix(row.mix) }}</td>
                @if (canRemove()) {
                  <td>
                    @if (row.kind === 'competitor') {
                      <button
                        type="button"
                        class="danger small"
                        [attr.aria-label]="'Stop tracking @' + row.handle"
                        (click)="removed.emit(row)"
                      >
                        Remove
                      </button>
                    }
                  </td>
                }
              </tr>
            } @empty {
              <tr>
                <td class="text muted" [attr.colspan]="canRemove() ? 8 : 7">{{ group.empty }}</td>
              </tr>
            }
          </tbody>
        }
      </table>
    </div>
    <p class="muted small">
      Engagement rate here is engagement per post per follower × 100: the rate public figures allow, for competitors and
      your accounts alike.
    </p>
  `,
  styles: `
    .comparison td {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .comparison thead th {
      text-align: right;
    }
    .comparison thead th:first-child,
    .comparison thead th:nth-child(2),
    .comparison thead th:nth-child(7) {
      text-align: left;
    }
    .comparison td.text {
      text-align: left;
    }
    .comparison th[scope='row'] span {
      display: block;
      font-weight: normal;
    }
    .comparison tr.group th {
      text-align: left;
      background: var(--surface-muted, #f5f5f7);
    }
  `,
})
export class CompetitorsTableComponent {
  readonly competitors = input.required<CompetitorRow[]>();
  readonly own = input.required<CompetitorRow[]>();
  readonly canRemove = input(false);
  readonly removed = output<CompetitorRow>();

  groups() {
    return [
      { name: 'Competitors', rows: this.competitors(), empty: 'No competitor tracked yet.' },
      { name: 'Your accounts', rows: this.own(), empty: 'No account connected.' },
    ];
  }

  network(id: string): string {
    return networkName(id);
  }

  mix(mix: Record<string, number>): string {
    return mixText(mix);
  }
}
