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
      { path: '', pathMatch: 'full', redirectTo: 'settings' },
      {
        path: 'settings',
        title: 'Workspace settings',
        loadComponent: () => import('./settings/settings.page').then((m) => m.SettingsPage),
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
