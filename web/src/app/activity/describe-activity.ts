import type { ActivityEntry } from '../core/api.types';

/**
 * An entry as a sentence around its subject: "Ana" + "scheduled" + “Summer sale” + "for Mon 7 Dec,
 * 09:00". The page writes the actor and links the subject; `when` writes a moment as the app does.
 */
export interface ActivitySentence {
  /** The words between the actor and the subject. */
  verb: string;
  /** The words after the subject (or the whole rest of the sentence when there is none). */
  rest: string;
  /** The subject is named (quoted, linked while it exists) between `verb` and `rest`. */
  named: boolean;
}

type When = (iso: string) => string;
type Describe = (e: ActivityEntry, when: When) => [verb: string, rest?: string];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Entries about a post, an automation or an account name their subject; the others say it all in words. */
const DESCRIBE: Record<string, Describe> = {
  'workspace.created': () => ['created the workspace'],
  'workspace.updated': (e) => [
    `changed settings: ${Object.keys((e.details['changed'] as object) ?? {}).join(', ') || 'none'}`,
  ],
  'member.invited': (e) => [`invited ${text(e.details['email'])} as ${text(e.details['role'])}`],
  'invite.revoked': (e) => [
    e.details['email'] ? `revoked the invite for ${text(e.details['email'])}` : 'revoked an invite',
  ],
  'member.joined': (e) => [`joined as ${text(e.details['role'])}`],
  'member.removed': (e) => [e.details['left'] ? 'left the workspace' : 'removed a member'],
  'member.role_changed': (e) => [`changed a role from ${text(e.details['from'])} to ${text(e.details['to'])}`],
  'role.created': (e) => [`created the role ${text(e.details['name'])}`],
  'role.deleted': (e) => [`deleted the role ${text(e.details['name'])}`],
  'api_key.created': (e) => [`created the API key ${text(e.details['name'])}`],
  'api_key.revoked': (e) => [
    e.details['name'] ? `revoked the API key ${text(e.details['name'])}` : 'revoked an API key',
  ],
  'account.connected': (e) => [`connected the ${networkName(e)} account`],
  'account.reconnected': (e) => [`reconnected the ${networkName(e)} account`],
  'account.updated': () => ['changed the account'],
  'account.deleted': () => ['removed the account'],
  'post.created': () => ['created the post'],
  'post.updated': () => ['edited'],
  'post.scheduled': (e, when) => ['scheduled', e.details['at'] ? `for ${when(text(e.details['at']))}` : ''],
  'post.deleted': () => ['deleted the post'],
  'post.published': () => ['published'],
  'post.failed': (e) => ['could not publish', e.details['reason'] ? `: ${text(e.details['reason'])}` : ''],
  'post.needs_review': (e) => ['needs a person to check', e.details['reason'] ? `: ${text(e.details['reason'])}` : ''],
  'post.approval_requested': () => ['asked for approval of'],
  'post.approval_withdrawn': () => ['withdrew the approval request for'],
  // The change itself first, then the post it was made in.
  'post.edited_before_approval': (e) => [
    `edited the ${text(e.details['networkLabel'])} text${e.details['accountName'] ? ` for ${text(e.details['accountName'])}` : ''} before approving: “${text(e.details['before'])}” → “${text(e.details['after'])}” in`,
  ],
  'post.commented': () => ['commented on'],
  'post.approved': () => ['approved'],
  'post.declined': (e) => ['declined', e.details['reason'] ? `: ${text(e.details['reason'])}` : ''],
  'subscription.created': (e) => [`subscribed ${text(e.details['targetUrl'])} to ${text(e.details['event'])}`],
  'subscription.deleted': (e) => [
    e.details['gone']
      ? `deleted the ${text(e.details['event'])} subscription of ${text(e.details['targetUrl'])}: it answered 410 Gone`
      : `deleted the ${text(e.details['event'])} subscription of ${text(e.details['targetUrl'])}`,
  ],
  'subscription.enabled': (e) => [
    `turned the ${text(e.details['event'])} subscription of ${text(e.details['targetUrl'])} back on`,
  ],
  'subscription.disabled': (e) => [
    `turned off the ${text(e.details['event'])} subscription of ${text(e.details['targetUrl'])} after repeated failures`,
  ],
  'automation.created': () => ['created the automation'],
  'automation.edited': () => ['edited the automation'],
  'automation.deleted': () => ['deleted the automation'],
  'automation.published': (e) => [
    e.details['version'] ? `published version ${String(e.details['version'])} of` : 'published',
  ],
  'automation.enabled': () => ['turned on the automation'],
  'automation.disabled': () => ['turned off the automation'],
  'automation.run_stopped': () => ['stopped a run of'],
};

function networkName(e: ActivityEntry): string {
  const network = text(e.details['network']);
  return network === 'x' ? 'X' : network.charAt(0).toUpperCase() + network.slice(1);
}

/** A sentence for an audit entry; an action this version does not know shows its code. */
export function describeActivity(entry: ActivityEntry, when: When): ActivitySentence {
  const describe = DESCRIBE[entry.action];
  if (!describe) return { verb: entry.action, rest: '', named: false };
  const [verb, rest = ''] = describe(entry, when);
  const named = !!entry.subject?.title;
  // Without a name to follow it, "commented on" / "asked for approval of" ends at the verb.
  return { verb: named ? verb : verb.replace(/\s+(in|of|on|for)$/, ''), rest, named };
}

/** Who did it: a person, an API key on their behalf, or the app itself (publishing, automations). */
export function actorName(entry: ActivityEntry): string {
  return entry.actor?.name ?? (entry.viaApiKeyId ? 'An API key' : 'SocialOrchestrator');
}

/** Where the subject lives in the app, while it exists. */
export function subjectLink(entry: ActivityEntry, workspaceId: string): string[] | null {
  const subject = entry.subject;
  if (!subject?.exists) return null;
  if (subject.type === 'post') return ['/w', workspaceId, 'posts', subject.id];
  if (subject.type === 'automation') return ['/w', workspaceId, 'automations', subject.id];
  if (subject.type === 'account') return ['/w', workspaceId, 'accounts'];
  return null;
}
