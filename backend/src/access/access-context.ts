import type { Permission } from './permissions';

/** Who is calling: a signed-in user, or an API key acting for the user who created it. */
export interface Principal {
  kind: 'user' | 'api_key';
  userId: string;
  apiKey: { id: string; name: string; prefix: string; workspaceId: string; scopes: Permission[] } | null;
  /** The sign-in session (refresh-token family) a user's access token belongs to. */
  sessionId?: string | null;
}

/** The workspace a request acts in and what the caller may do there. */
export interface WorkspaceAccess {
  workspaceId: string;
  role: string;
  roleName: string;
  permissions: Permission[];
}

export interface AccessContext {
  principal: Principal;
  workspace: WorkspaceAccess | null;
}

export const has = (access: WorkspaceAccess, permission: Permission): boolean =>
  access.permissions.includes(permission);

/** The permissions in `wanted` the caller does not hold (scopes of a key included): granting them would raise someone above the caller. */
export const beyondCaller = (access: WorkspaceAccess, wanted: readonly Permission[]): Permission[] =>
  wanted.filter((p) => !has(access, p));
