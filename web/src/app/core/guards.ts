import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { WorkspaceService } from './workspace.service';

/** Signed in (restoring the session after a reload), else to sign-in. */
export const signedIn: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  if (await inject(AuthService).restore()) return true;
  return router.createUrlTree(['/sign-in'], { queryParams: { next: state.url } });
};

/** Only for visitors: a signed-in user goes to their workspaces. */
export const signedOut: CanActivateFn = async () => {
  const router = inject(Router);
  return (await inject(AuthService).restore()) ? router.createUrlTree(['/workspaces']) : true;
};

/**
 * Inside /w/:workspaceId: the workspace exists for this user and becomes the current one. The
 * router runs this beside `signedIn`, not after it: the session is restored (the same, shared
 * refresh) before the list is asked for, else a reload sends it without a token and it fails.
 */
export const workspaceSelected: CanActivateFn = async (route) => {
  const workspaces = inject(WorkspaceService);
  const router = inject(Router);
  if (!(await inject(AuthService).restore())) return router.createUrlTree(['/sign-in']);
  const id = route.paramMap.get('workspaceId');
  const list = workspaces.workspaces() ?? (await workspaces.load());
  if (!id || !list.some((w) => w.id === id)) return router.createUrlTree(['/workspaces']);
  workspaces.select(id);
  return true;
};

/** The home page: the workspace used last, if it still exists for this user, else the picker. */
export const lastWorkspace: CanActivateFn = async () => {
  const router = inject(Router);
  const workspaces = inject(WorkspaceService);
  if (!(await inject(AuthService).restore())) return router.createUrlTree(['/sign-in']);
  const remembered = workspaces.currentId();
  const list = await workspaces.load().catch(() => []);
  return remembered && list.some((w) => w.id === remembered)
    ? router.createUrlTree(['/w', remembered])
    : router.createUrlTree(['/workspaces']);
};

/** The page needs a permission in the current workspace. */
export const permitted =
  (permission: string): CanActivateFn =>
  () =>
    inject(WorkspaceService).can(permission) || inject(Router).createUrlTree(['/workspaces']);
