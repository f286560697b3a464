import type { ActivityEntry } from '../core/api.types';

const DESCRIBE: Record<string, (e: ActivityEntry) => string> = {
  'workspace.created': () => 'created the workspace',
  'workspace.updated': (e) => `changed settings: ${Object.keys((e.details['changed'] as object) ?? {}).join(', ')}`,
  'member.invited': (e) => `invited ${e.details['email']} as ${e.details['role']}`,
  'invite.revoked': (e) => (e.details['email'] ? `revoked the invite for ${e.details['email']}` : 'revoked an invite'),
  'member.joined': (e) => `joined as ${e.details['role']}`,
  'member.removed': (e) => (e.details['left'] ? 'left the workspace' : 'removed a member'),
  'member.role_changed': (e) => `changed a role from ${e.details['from']} to ${e.details['to']}`,
  'role.created': (e) => `created the role ${e.details['name']}`,
  'role.deleted': (e) => `deleted the role ${e.details['name']}`,
  'api_key.created': (e) => `created the API key ${e.details['name']}`,
  'api_key.revoked': (e) => (e.details['name'] ? `revoked the API key ${e.details['name']}` : 'revoked an API key'),
  'post.edited_before_approval': (e) =>
    `edited the ${e.details['networkLabel']} text${e.details['accountName'] ? ` for ${e.details['accountName']}` : ''} before approving: “${e.details['before']}” → “${e.details['after']}”`,
};

/** A sentence for an audit entry; unknown actions show their code. */
export function describeActivity(entry: ActivityEntry): string {
  return DESCRIBE[entry.action]?.(entry) ?? entry.action;
}
