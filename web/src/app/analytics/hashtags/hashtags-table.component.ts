import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FigurePipe, type FigureStyle } from '../../shared/format';
import { IconComponent } from '../../shared/icon.component';
import { METRIC_FORMULAS } from '../metric-formulas';
import type { HashtagRow, HashtagSort } from './hashtags.api';
import { HashtagsStore } from './hashtags.store';

interface Column {
  key: HashtagSort;
  label: string;
  style: FigureStyle;
}

const COLUMNS: Column[] = [
  { key: 'posts', label: 'Posts', style: 'count' },
  { key: 'reach', label: 'Reach', style: 'count' },
  { key: 'impressions', label: 'Impressions', style: 'count' },
  { key: 'engagement', label: 'Engagement', style: 'count' },
  { key: 'engagementRate', label: 'Engagement rate', style: 'percent' },
  { key: 'ctr', label: 'CTR', style: 'percent' },
];

/**
 * Every hashtag of the period with its figures; a column's header sorts by it (again: the other
 * way), and each hashtag opens its top posts below its row.
 */
@Component({
  selector: 'so-hashtags-table',
  imports: [FigurePipe, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table class="hashtags-table">
        <caption class="visually-hidden">
          Hashtags of the period, sorted by
          {{
            sortLabel()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">Hashtag</th>
            @for (c of columns; track c.key) {
              <th scope="col" [attr.aria-sort]="ariaSort(c.key)">
                <button type="button" class="sort" (click)="store.sortBy(c.key)">
                  {{ c.label }}
                  @if (store.sort().column === c.key) {
                    <so-icon [name]="store.sort().order === 'desc' ? 'arrow-down' : 'arrow-up'" [size]="14" />
                  }
                </button>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of store.rows(); track row.tag) {
            <tr>
              <th scope="row">
                <button
                  type="button"
                  class="link expand"
                  [attr.aria-expanded]="isOpen(row)"
                  [attr.aria-controls]="'top-posts-' + row.tag"
                  [attr.aria-label]="'#' + row.tag + ': ' + (isOpen(row) ? 'hide' : 'show') + ' its top posts'"
                  (click)="store.toggle(row.tag)"
                >
                  <so-icon name="chevron-down" [size]="14" [class.open]="isOpen(row)" />#{{ row.tag }}
                </button>
              </th>
              @for (c of columns; track c.key) {
                <td>{{ row[c.key] | figure: c.style }}</td>
              }
            </tr>
            @if (isOpen(row)) {
              <tr class="top-posts" [id]="'top-posts-' + row.tag">
                <td [attr.colspan]="columns.length + 1">
                  @if (row.topPosts.length) {
                    <ol [attr.aria-label]="'Top posts with #' + row.tag">
                      @for (p of row.topPosts; track p.id) {
                        <li>
                          <span class="post-text">{{ p.text || '(no text)' }}</span>
                          <span class="muted">{{ p.engagement | figure }} engagement</span>
                        </li>
                      }
                    </ol>
                  } @else {
                    <p class="muted">No post with #{{ row.tag }} has metrics yet.</p>
                  }
                </td>
              </tr>
            }
          }
        </tbody>
      </table>
    </div>
    <p class="muted small">{{ formulas.engagementRate }}. {{ formulas.ctr }}.</p>
  `,
  styles: `
    .hashtags-table td {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .hashtags-table thead th:not(:first-child) {
      text-align: right;
    }
    button.sort {
      text-transform: inherit;
      letter-spacing: inherit;
      background: none;
      border: 0;
      padding: 0;
      font: inherit;
      font-weight: 600;
      color: inherit;
      cursor: pointer;
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
    }
    button.expand so-icon {
      transform: rotate(-90deg);
      transition: transform 0.15s;
      margin-right: 0.25rem;
    }
    button.expand so-icon.open {
      transform: none;
    }
    .top-posts ol {
      margin: 0;
      padding-left: 1.5rem;
      text-align: left;
    }
    .top-posts li {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
    }
    .post-text {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      max-width: 48rem;
    }
  `,
})
export class HashtagsTableComponent {
  readonly store = inject(HashtagsStore);
  readonly columns = COLUMNS;
  readonly formulas = METRIC_FORMULAS;

  isOpen(row: HashtagRow): boolean {
    return this.store.expanded().has(row.tag);
  }

  ariaSort(column: HashtagSort): 'ascending' | 'descending' | null {
    const sort = this.store.sort();
    if (sort.column !== column) return null;
    return sort.order === 'desc' ? 'descending' : 'ascending';
  }

  sortLabel(): string {
    const sort = this.store.sort();
    const label = COLUMNS.find((c) => c.key === sort.column)?.label ?? sort.column;
    return `${label.toLowerCase()}, ${sort.order === 'desc' ? 'highest first' : 'lowest first'}`;
  }
}
