import { ConnectorFailure, OAuthProvider, TokenSet } from '../connector';
import { requestTokens } from '../oauth2/token-endpoint';
import { requireString, valueAt } from '../oauth2/network-http';
import { readInstanceLimits } from './mastodon-instance';
import { InstanceApp, MastodonAppStore } from './mastodon-app.store';
import { MASTODON_LABEL, mastodonExternalId, MastodonApi } from './mastodon.api';
import { publicUrl, PrivateUrlError } from '../../common/public-url';

/** `read write` covers posting, media, deleting and reading the account's statuses and counts. */
export const MASTODON_SCOPES = ['read', 'write'];

export interface MastodonOAuthOptions {
  /** Shown on the person's authorize page and on their statuses ("via …"). */
  appName: string;
  website: string;
  /** OUTBOUND_ALLOW_PRIVATE_URLS: instances on private networks (and plain http) are allowed. */
  allowPrivate: boolean;
}

/** The instance named is not one we will talk to: the API answers 400 on `instanceUrl`. */
export class InstanceRejectedError extends ConnectorFailure {
  constructor(reason: string) {
    super({ kind: 'bad-request', reason });
    this.name = 'InstanceRejectedError';
  }
}

/**
 * Mastodon's OAuth on whichever instance the person names: our app is registered there on first
 * use (POST /api/v1/apps) and kept per instance; the code flow itself is standard OAuth 2.
 */
export class MastodonOAuthProvider implements OAuthProvider {
  readonly network = 'mastodon' as const;
  readonly usesPkce = false;
  readonly requiredScopes = MASTODON_SCOPES;

  constructor(
    private readonly apps: MastodonAppStore,
    private readonly options: MastodonOAuthOptions,
  ) {}

  /** `mastodon.social`, `https://mastodon.social/` → `https://mastodon.social`; private hosts refused. */
  async resolveInstance(instanceUrl: string): Promise<string> {
    const raw = instanceUrl.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
    let url: URL;
    try {
      url = await publicUrl(withScheme, { allowPrivate: this.options.allowPrivate });
    } catch (error) {
      const why = error instanceof PrivateUrlError ? error.message : 'it is not a web address';
      throw new InstanceRejectedError(`${raw} cannot be used as a Mastodon instance: ${why}`);
    }
    if (url.protocol !== 'https:' && !this.options.allowPrivate)
      throw new InstanceRejectedError(`${raw}: a Mastodon instance is reached over https`);
    return url.origin;
  }

  async authorizeUrl(input: { state: string; redirectUri: string; instanceUrl?: string | null }): Promise<string> {
    const instanceUrl = requireInstance(input.instanceUrl);
    const app = await this.app(instanceUrl, input.redirectUri);
    const url = new URL(`${instanceUrl}/oauth/authorize`);
    url.searchParams.set('client_id', app.clientId);
    url.searchParams.set('redirect_uri', input.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', MASTODON_SCOPES.join(' '));
    url.searchParams.set('state', input.state);
    return url.toString();
  }

  async exchangeCode(input: { code: string; redirectUri: string; instanceUrl?: string | null }): Promise<TokenSet> {
    const instanceUrl = requireInstance(input.instanceUrl);
    const app = await this.app(instanceUrl, input.redirectUri);
    return requestTokens({
      label: MASTODON_LABEL,
      tokenUrl: `${instanceUrl}/oauth/token`,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authentication: 'form',
      grant: { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri },
      requestedScopes: MASTODON_SCOPES,
    });
  }

  /** Mastodon tokens do not expire and come without a refresh token. */
  refresh(): Promise<TokenSet | null> {
    return Promise.resolve(null);
  }

  /** The one account the token is for, with the instance and its own limits kept in its settings. */
  async listAccounts(tokens: TokenSet, instanceUrl?: string | null) {
    const instance = requireInstance(instanceUrl);
    const me = await new MastodonApi(instance, tokens.accessToken).json('/api/v1/accounts/verify_credentials');
    const id = requireString(me, 'id', MASTODON_LABEL);
    const username = requireString(me, 'acct', MASTODON_LABEL);
    const displayName = valueAt(me, 'display_name');
    const instanceLimits = await readInstanceLimits(instance);
    return [
      {
        externalAccountId: mastodonExternalId(id, instance),
        name: typeof displayName === 'string' && displayName ? displayName : `@${username}`,
        settings: { instanceUrl: instance, handle: `@${username}@${new URL(instance).host}`, instanceLimits },
      },
    ];
  }

  /** The app registered on this instance for this callback URL, registering it on first use. */
  private async app(instanceUrl: string, redirectUri: string): Promise<InstanceApp> {
    const known = await this.apps.find(instanceUrl, redirectUri);
    if (known) return known;
    const registered = await new MastodonApi(instanceUrl, null).json('/api/v1/apps', {
      method: 'POST',
      body: {
        client_name: this.options.appName,
        redirect_uris: redirectUri,
        scopes: MASTODON_SCOPES.join(' '),
        website: this.options.website,
      },
    });
    const app = {
      clientId: requireString(registered, 'client_id', MASTODON_LABEL),
      clientSecret: requireString(registered, 'client_secret', MASTODON_LABEL),
    };
    await this.apps.save(instanceUrl, redirectUri, app);
    return app;
  }
}

function requireInstance(instanceUrl: string | null | undefined): string {
  if (!instanceUrl) throw new InstanceRejectedError('Name the Mastodon instance the account is on');
  return instanceUrl;
}
