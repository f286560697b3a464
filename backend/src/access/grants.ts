import { beyondCaller, WorkspaceAccess } from './access-context';
import { AccessError } from './access.errors';
import type { Permission } from './permissions';

/**
 * No one grants beyond their own power: giving a role, creating or editing one, or managing a
 * member who holds it needs every one of its permissions in the caller's effective set (an API
 * key's scopes ∩ its creator's current role), never the creator's role alone.
 */
export function assertWithinCallerPower(
  caller: WorkspaceAccess,
  permissions: readonly Permission[],
  field: string,
): void {
  const beyond = beyondCaller(caller, permissions);
  if (!beyond.length) return;
  throw new AccessError('BEYOND_CALLER', `You do not hold: ${beyond.join(', ')}`, [
    { field, message: `needs permissions you do not hold: ${beyond.join(', ')}` },
  ]);
}
