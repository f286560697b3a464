import type { WorkspaceAccess } from '../access/access-context';
import { ALL_PERMISSIONS } from '../access/permissions';

/**
 * Whether the caller may act as an Owner: an Owner's membership *and* every permission effective
 * now. An Owner's API key scoped to `members:write` holds the role's name but not its power.
 */
export const actsAsOwner = (caller: WorkspaceAccess): boolean =>
  caller.role === 'owner' && ALL_PERMISSIONS.every((p) => caller.permissions.includes(p));
