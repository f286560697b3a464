import { Routes } from '@angular/router';
import { AnalyticsFilters } from './analytics-filters';

/**
 * The Analytics section, lazy-loaded under /w/:workspaceId/analytics. The shell holds the sub-navigation
 * and the shared filters (in the URL query); each child is one page.
 */
export const ANALYTICS_ROUTES: Routes = [
  {
    path: '',
    providers: [AnalyticsFilters],
    loadComponent: () => import('./analytics-shell.component').then((m) => m.AnalyticsShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      {
        path: 'overview',
        title: 'Analytics overview',
        loadComponent: () => import('./overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'posts',
        title: 'Post analytics',
        loadComponent: () => import('./posts.page').then((m) => m.PostsPage),
      },
      {
        path: 'accounts/:accountId',
        title: 'Account analytics',
        loadComponent: () => import('./account.page').then((m) => m.AccountPage),
      },
      {
        path: 'best-times',
        title: 'Best times to post',
        loadComponent: () => import('./best-times.page').then((m) => m.BestTimesPage),
      },
      {
        path: 'hashtags',
        title: 'Hashtag analytics',
        loadComponent: () => import('./hashtags/hashtags.page').then((m) => m.HashtagsPage),
      },
      {
        path: 'members',
        title: 'Member analytics',
        loadComponent: () => import('./members/member-analytics.page').then((m) => m.MemberAnalyticsPage),
      },
      {
        path: 'competitors',
        title: 'Competitors',
        loadComponent: () => import('./competitors/competitors.page').then((m) => m.CompetitorsPage),
      },
      {
        path: 'reports',
        title: 'Reports',
        loadComponent: () => import('./reports/reports.page').then((m) => m.ReportsPage),
      },
    ],
  },
];
