import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { ActivatedRoute, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AnalyticsFilters } from './analytics-filters';
import { DateRangePickerComponent } from './date-range-picker.component';

/** The section's pages, in the order of its sub-navigation. */
export const ANALYTICS_PAGES = [
  { path: 'overview', label: 'Overview' },
  { path: 'posts', label: 'Posts' },
  { path: 'best-times', label: 'Best times' },
  { path: 'hashtags', label: 'Hashtags' },
  { path: 'members', label: 'Members' },
  { path: 'competitors', label: 'Competitors' },
  { path: 'reports', label: 'Reports' },
] as const;

/**
 * The Analytics section's frame: its sub-navigation and the shared filters above each page. Links
 * keep the filters (they live in the query), so moving between pages keeps the period.
 */
@Component({
  selector: 'so-analytics-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, DateRangePickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>Analytics</h1>
    </div>
    <nav class="analytics-nav" aria-label="Analytics">
      @for (p of pages; track p.path) {
        <a
          [routerLink]="p.path"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          queryParamsHandling="preserve"
          >{{ p.label }}</a
        >
      }
    </nav>
    <so-date-range-picker />
    <router-outlet />
  `,
  styles: `
    .analytics-nav {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-bottom: 1px solid var(--border);
      margin: 0 0 1rem;
    }
    .analytics-nav a {
      padding: 0.5rem 0.8rem;
      text-decoration: none;
      color: var(--muted);
      border-bottom: 2px solid transparent;
      margin-bottom: -1px;
    }
    .analytics-nav a:hover {
      color: var(--text);
    }
    .analytics-nav a.active {
      color: var(--primary-dark);
      border-bottom-color: var(--primary);
      font-weight: 600;
    }
  `,
})
export class AnalyticsShellComponent {
  readonly pages = ANALYTICS_PAGES;

  constructor() {
    inject(AnalyticsFilters).bind(inject(ActivatedRoute), inject(DestroyRef));
  }
}
