import type { SocialAccount } from '../../accounts/social-account.entity';
import { AutomationsError } from '../automations.errors';
import { list, text, type ActionContext } from './action-context';

/** Where a create-draft step takes its accounts, link and media from, after its settings. */
export interface DraftSources {
  accounts: SocialAccount[];
  link: string | null;
  mediaIds: string[];
  mediaUrls: string[];
}

const refuse = (message: string) => new AutomationsError('ACTION_REFUSED', message);

/** A list field of the payload: a list, or a comma-separated string (as Zapier sends one). */
function payloadList(value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : list(value);
  return items.map((item) => item.trim()).filter(Boolean);
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * The active accounts a draft goes to. From the settings: `*` or ids of the workspace. From the
 * payload: its `accounts`, each an id or an account's name (case aside); one that matches no active
 * account fails the step naming it, so a call never leaves a draft without the accounts it asked for.
 */
export function draftAccounts(c: ActionContext, live: SocialAccount[]): SocialAccount[] {
  const active = live.filter((a) => a.status === 'active');
  if (c.config.accountsFrom === 'payload') {
    const wanted = payloadList(c.payload.accounts);
    if (!wanted.length) throw refuse('accounts: the payload names no accounts (set accounts to ids or names)');
    const match = (w: string) =>
      active.find((a) => a.id === w) ?? active.find((a) => a.name.toLowerCase() === w.toLowerCase());
    const unknown = wanted.filter((w) => !match(w));
    if (unknown.length) throw refuse(`accounts: no active account ${unknown.map((u) => `"${u}"`).join(', ')}`);
    return [...new Set(wanted.map((w) => match(w)!))];
  }
  const wanted = list(c.config.accountIds);
  if (wanted.includes('*')) {
    if (!active.length) throw refuse('accountIds: the workspace has no active account');
    return active;
  }
  const unknown = wanted.filter((id) => !active.some((a) => a.id === id));
  if (unknown.length) throw refuse(`accountIds: no active account ${unknown.join(', ')}`);
  if (!wanted.length) throw refuse('accountIds: no account chosen');
  return wanted.map((id) => active.find((a) => a.id === id)!);
}

/** The draft's link (the resolved `link` setting) and media (the payload's, unless the settings say none). */
export function draftSources(c: ActionContext, live: SocialAccount[]): DraftSources {
  const accounts = draftAccounts(c, live);
  const link = text(c.config.link).trim();
  if (link && !isHttpUrl(link)) throw refuse(`link: "${link}" is not an http(s) URL`);
  const withMedia = c.config.mediaFrom !== 'none';
  const mediaIds = withMedia ? payloadList(c.payload.mediaIds) : [];
  const mediaUrls = withMedia ? payloadList(c.payload.mediaUrls) : [];
  const badUrl = mediaUrls.find((url) => !isHttpUrl(url));
  if (badUrl) throw refuse(`mediaUrls: "${badUrl}" is not an http(s) URL`);
  return { accounts, link: link || null, mediaIds, mediaUrls };
}
