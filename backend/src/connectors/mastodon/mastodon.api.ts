import { ConnectorFailure, type AccountCredentials } from '../connector';
import { callNetwork, callNetworkJson, NetworkReply } from '../oauth2/network-http';
import { classifyMastodonFailure } from './mastodon.errors';

export const MASTODON_LABEL = 'Mastodon';

/** Where one Mastodon account lives: its instance and its id there. */
export interface MastodonAccount {
  instanceUrl: string;
  accountId: string;
  accessToken: string;
}

/**
 * The instance is kept in the account's settings at connect; the external id is `<id>@<host>`
 * (ids are only unique within one instance).
 */
export function mastodonAccount(account: AccountCredentials): MastodonAccount {
  const instanceUrl = account.settings?.instanceUrl;
  if (typeof instanceUrl !== 'string' || !instanceUrl) {
    throw new ConnectorFailure({
      kind: 'reauth',
      reason: 'The Mastodon account does not say its instance; reconnect it',
    });
  }
  const at = account.externalAccountId.lastIndexOf('@');
  const accountId = at > 0 ? account.externalAccountId.slice(0, at) : account.externalAccountId;
  return { instanceUrl, accountId, accessToken: account.accessToken };
}

export const mastodonExternalId = (accountId: string, instanceUrl: string) =>
  `${accountId}@${new URL(instanceUrl).host}`;

export interface MastodonCall {
  method?: string;
  body?: object | FormData;
  /** Mastodon keeps a status created with this key for an hour and answers repeats with it. */
  idempotencyKey?: string;
  alsoOk?: number[];
}

/** Plain fetch against whichever instance the account lives on. */
export class MastodonApi {
  constructor(
    private readonly instanceUrl: string,
    private readonly token: string | null,
  ) {}

  static of(account: MastodonAccount): MastodonApi {
    return new MastodonApi(account.instanceUrl, account.accessToken);
  }

  json(path: string, call: MastodonCall = {}): Promise<unknown> {
    return callNetworkJson(this.url(path), this.init(call), classifyMastodonFailure, MASTODON_LABEL);
  }

  send(path: string, call: MastodonCall = {}): Promise<NetworkReply> {
    return callNetwork(this.url(path), this.init(call), classifyMastodonFailure, MASTODON_LABEL, call.alsoOk);
  }

  private url(path: string): string {
    return `${this.instanceUrl.replace(/\/+$/, '')}${path}`;
  }

  private init({ method = 'GET', body, idempotencyKey }: MastodonCall): RequestInit {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (body instanceof FormData || body === undefined) return { method, headers, body };
    headers['content-type'] = 'application/json';
    return { method, headers, body: JSON.stringify(body) };
  }
}
