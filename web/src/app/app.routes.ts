import { Routes } from '@angular/router';
import { lastWorkspace, permitted, signedIn, signedOut, workspaceSelected } from './core/guards';

/** One lazy route folder per domain. */
export const routes: Routes = [
  // Always redirected by its guard (to the last workspace or the picker); it renders nothing itself.
  { path: '', pathMatch: 'full', canActivate: [lastWorkspace], children: [] },
  {
    path: 'sign-in',
    canActivate: [signedOut],
    title: 'Sign in',
    loadComponent: () => import('./auth/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    canActivate: [signedOut],
    title: 'Create your account',
    loadComponent: () => import('./auth/sign-up.page').then((m) => m.SignUpPage),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password',
    loadComponent: () => import('./auth/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    loadComponent: () => import('./auth/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'approve/:token',
    title: 'Review a post',
    loadComponent: () => import('./automation/client-approval.page').then((m) => m.ClientApprovalPage),
  },
  {
    path: 'invites/accept',
    title: 'Join a workspace',
    loadComponent: () => import('./invites/accept-invite.page').then((m) => m.AcceptInvitePage),
  },
  {
    path: 'workspaces',
    canActivate: [signedIn],
    title: 'Your workspaces',
    loadComponent: () => import('./workspaces/workspace-picker.page').then((m) => m.WorkspacePickerPage),
  },
  {
    path: 'account',
    canActivate: [signedIn],
    title: 'Your account',
    loadComponent: () => import('./account/account.page').then((m) => m.AccountPage),
  },
  {
    path: 'w/:workspaceId',
    canActivate: [signedIn, workspaceSelected],
    loadComponent: () => import('./shell/workspace-shell.component').then((m) => m.WorkspaceShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'home' },
      {
        path: 'home',
        canActivate: [permitted('posts:read')],
        title: 'Home',
        loadComponent: () => import('./home/home.page').then((m) => m.HomePage),
      },
      {
        path: 'calendar',
        canActivate: [permitted('posts:read')],
        title: 'Calendar',
        loadComponent: () => import('./posting/calendar.page').then((m) => m.CalendarPage),
      },
      {
        path: 'automations',
        canActivate: [permitted('automations:read')],
        title: 'Automations',
        loadComponent: () => import('./automation/automations.page').then((m) => m.AutomationsPage),
      },
      {
        path: 'automations/templates',
        canActivate: [permitted('automations:write')],
        title: 'Automation templates',
        loadComponent: () => import('./automation/templates.page').then((m) => m.TemplatesPage),
      },
      {
        path: 'automations/:automationId',
        canActivate: [permitted('automations:read')],
        // Leaving with unsaved changes asks first.
        canDeactivate: [
          (editor: { dirty: () => boolean }) => !editor.dirty() || confirm('Leave without saving your changes?'),
        ],
        title: 'Automation',
        loadComponent: () => import('./automation/editor.page').then((m) => m.EditorPage),
      },
      {
        path: 'automations/:automationId/runs',
        canActivate: [permitted('automations:read')],
        title: 'Automation runs',
        loadComponent: () => import('./automation/runs.page').then((m) => m.RunsPage),
      },
      {
        path: 'approvals',
        canActivate: [permitted('approvals:write')],
        title: 'Approvals',
        loadComponent: () => import('./automation/approvals.page').then((m) => m.ApprovalsPage),
      },
      {
        path: 'board',
        canActivate: [permitted('posts:read')],
        title: 'Board',
        loadComponent: () => import('./posting/board.page').then((m) => m.BoardPage),
      },
      {
        path: 'compose',
        canActivate: [permitted('posts:write')],
        title: 'Compose',
        loadComponent: () => import('./posting/composer.page').then((m) => m.ComposerPage),
      },
      {
        path: 'import',
        canActivate: [permitted('posts:write')],
        title: 'Import and export',
        loadComponent: () => import('./posting/import.page').then((m) => m.ImportPage),
      },
      {
        path: 'posts/:postId',
        canActivate: [permitted('posts:read')],
        title: 'Post',
        loadComponent: () => import('./posting/post-detail.page').then((m) => m.PostDetailPage),
      },
      {
        path: 'posts/:postId/edit',
        canActivate: [permitted('posts:write')],
        title: 'Edit post',
        loadComponent: () => import('./posting/composer.page').then((m) => m.ComposerPage),
      },
      {
        path: 'analytics',
        canActivate: [permitted('analytics:read')],
        loadChildren: () => import('./analytics/analytics.routes').then((m) => m.ANALYTICS_ROUTES),
      },
      {
        path: 'media',
        canActivate: [permitted('media:read')],
        title: 'Media library',
        loadComponent: () => import('./media/media-library.page').then((m) => m.MediaLibraryPage),
      },
      {
        path: 'accounts',
        canActivate: [permitted('accounts:read')],
        title: 'Social accounts',
        loadComponent: () => import('./accounts/accounts.page').then((m) => m.AccountsPage),
      },
      {
        path: 'accounts/:accountId/timeline',
        canActivate: [permitted('accounts:read')],
        title: 'Sandbox timeline',
        loadComponent: () => import('./accounts/sandbox-timeline.page').then((m) => m.SandboxTimelinePage),
      },
      {
        path: 'settings',
        title: 'Workspace settings',
        loadComponent: () => import('./settings/settings.page').then((m) => m.SettingsPage),
      },
      {
        path: 'ai-settings',
        canActivate: [permitted('automations:read')],
        title: 'AI writer',
        loadComponent: () => import('./settings/ai-settings.page').then((m) => m.AiSettingsPage),
      },
      {
        path: 'members',
        canActivate: [permitted('members:read')],
        title: 'Members',
        loadComponent: () => import('./members/members.page').then((m) => m.MembersPage),
      },
      {
        path: 'roles',
        canActivate: [permitted('members:read')],
        title: 'Roles',
        loadComponent: () => import('./roles/roles.page').then((m) => m.RolesPage),
      },
      {
        path: 'api-keys',
        canActivate: [permitted('api-keys:read')],
        title: 'API keys',
        loadComponent: () => import('./api-keys/api-keys.page').then((m) => m.ApiKeysPage),
      },
      {
        path: 'integrations',
        canActivate: [permitted('automations:read')],
        title: 'Integrations',
        loadComponent: () => import('./integrations/subscriptions.page').then((m) => m.SubscriptionsPage),
      },
      {
        path: 'activity',
        canActivate: [permitted('activity:read')],
        title: 'Activity',
        loadComponent: () => import('./activity/activity.page').then((m) => m.ActivityPage),
      },
      {
        path: 'outbox',
        canActivate: [permitted('outbox:read')],
        title: 'Email outbox',
        loadComponent: () => import('./outbox/outbox.page').then((m) => m.OutboxPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Not found',
    loadComponent: () => import('./shared/not-found.page').then((m) => m.NotFoundPage),
  },
];
