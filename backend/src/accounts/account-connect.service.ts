import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { ActivityService } from '../activity/activity.service';
import { DomainError } from '../common/domain-error';
import { newId } from '../common/ids';
import { SecretBox } from '../common/secret-box';
import { randomToken } from '../common/secrets';
import { type AppConfig, networkCredentials, networkSettings } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ConnectorFailure, type GrantedAccount, type OAuthProvider, type TokenSet } from '../connectors/connector';
import { NETWORK_IDS, type NetworkId } from '../connectors/network-limits';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { OAUTH_PROVIDERS } from '../connectors/connectors.module';
import { NetworkDirectory } from '../connectors/network-directory';
import { announceReconnect } from './account-reconnect';
import { AccountsError } from './accounts.errors';
import { OAuthAttempt } from './oauth-attempt.entity';
import { SECRET_BOX } from './secret-box.provider';
import { AccountSettings, SocialAccount } from './social-account.entity';

const ATTEMPT_TTL_MS = 15 * 60_000;

/** Whether a network can be connected on this server, and what an admin sets to turn it on. */
export interface NetworkAvailability {
  network: NetworkId;
  label: string;
  configured: boolean;
  /** The server's variables the network needs (its app's id and secret). */
  requires: string[];
}

export interface ConnectOutcome {
  workspaceId: string;
  /** How many accounts the grant connected or refreshed. */
  connected: number;
  /** Why nothing was connected, in words for the person. */
  problem: string | null;
}

/** Where a grant can cover no account, what the person has to do first. */
const NO_ACCOUNTS: Partial<Record<NetworkId, string>> = {
  facebook: 'The Facebook login manages no Page; create a Page or ask for a role on one, then connect again',
  instagram:
    'No Instagram professional account is linked to a Page this login manages; link one in Instagram settings, then connect again',
  youtube: 'This Google account has no YouTube channel; create one on YouTube, then connect again',
};

/**
 * Calls the person's own instance: a refusal is a 400 on `instanceUrl`, an instance that cannot be
 * reached or fails is a 502 naming it.
 */
async function instanceCall<T>(instance: string | null, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(instance !== null && error instanceof ConnectorFailure)) throw error;
    const code = error.failure.kind === 'retry' ? 'INSTANCE_UNREACHABLE' : 'INSTANCE_INVALID';
    throw new AccountsError(code, error.message, [{ field: 'instanceUrl', message: error.message }]);
  }
}

const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** The OAuth connect and reconnect flow: start (authorize URL with state + PKCE), then the callback. */
@Injectable()
export class AccountConnectService {
  constructor(
    @InjectRepository(OAuthAttempt) private readonly attempts: Repository<OAuthAttempt>,
    @InjectRepository(SocialAccount) private readonly accounts: Repository<SocialAccount>,
    @Inject(OAUTH_PROVIDERS) private readonly providers: Partial<Record<NetworkId, OAuthProvider>>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: ActivityService,
    private readonly events: EventEmitter2,
    private readonly directory: NetworkDirectory,
  ) {}

  /** Every network but the Sandbox, "on" as GET /networks says (NetworkDirectory), so a button can say what it needs before it is pressed. */
  networks(): NetworkAvailability[] {
    return NETWORK_IDS.filter((network) => network !== 'sandbox').map((network) => ({
      network,
      label: NETWORK_LIMITS[network].label,
      configured: this.directory.availability(network).configured,
      requires: networkCredentials(network),
    }));
  }

  /** Where the network sends the person back (registered with the network's app settings). */
  redirectUri(network: NetworkId): string {
    return `${this.config.publicUrl}/api/v1/accounts/oauth/${network}/callback`;
  }

  async start(
    workspace: WorkspaceAccess,
    actor: Principal,
    network: NetworkId,
    accountId: string | null,
    instanceUrl: string | null = null,
  ): Promise<{ authorizeUrl: string }> {
    const provider = this.provider(network);
    const instance = await this.instanceFor(provider, workspace.workspaceId, accountId, instanceUrl);
    const verifier = provider.usesPkce ? randomToken(48) : null;
    const attempt = this.attempts.create({
      state: randomToken(32),
      workspaceId: workspace.workspaceId,
      userId: actor.userId,
      network,
      codeVerifierSealed: verifier ? this.secrets.seal(verifier) : null,
      accountId,
      instanceUrl: instance,
      expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
    });
    const authorizeUrl = await instanceCall(instance, () =>
      provider.authorizeUrl({
        state: attempt.state,
        redirectUri: this.redirectUri(network),
        codeChallenge: verifier ? pkceChallenge(verifier) : null,
        instanceUrl: instance,
      }),
    );
    await this.attempts.insert(attempt);
    return { authorizeUrl };
  }

  /** Networks on many hosts (Mastodon) need the person's instance: named now, or the reconnected account's. */
  private async instanceFor(
    provider: OAuthProvider,
    workspaceId: string,
    accountId: string | null,
    named: string | null,
  ): Promise<string | null> {
    if (!provider.resolveInstance) return null;
    let instance = named?.trim() || null;
    if (!instance && accountId) {
      const account = await this.accounts.findOneBy({ id: accountId, workspaceId });
      const stored = (account?.settings as Record<string, unknown> | undefined)?.instanceUrl;
      instance = typeof stored === 'string' ? stored : null;
    }
    if (!instance) {
      const message = 'is required: the address of the server the account is on';
      throw new AccountsError('INSTANCE_INVALID', `instanceUrl ${message}`, [{ field: 'instanceUrl', message }]);
    }
    const resolve = provider.resolveInstance.bind(provider);
    return instanceCall(instance, () => resolve(instance));
  }

  /**
   * Exchanges the code and stores (or refreshes) the accounts the grant covers. Once the attempt
   * is known, a refusal is reported back to its workspace rather than thrown.
   */
  async complete(network: NetworkId, state: string, code: string | undefined, error?: string): Promise<ConnectOutcome> {
    const attempt = await this.attempts.findOneBy({ state, network });
    if (!attempt || attempt.expiresAt < new Date()) throw new AccountsError('OAUTH_STATE_INVALID');
    await this.attempts.delete({ state });
    try {
      if (error || !code) throw new AccountsError('OAUTH_DENIED', error ?? 'no authorization code');
      const connected = await this.storeGrant(attempt, network, code);
      return { workspaceId: attempt.workspaceId, connected, problem: null };
    } catch (failure) {
      if (!(failure instanceof DomainError || failure instanceof ConnectorFailure)) throw failure;
      const problem = failure instanceof DomainError ? (failure.detail ?? failure.spec.title) : failure.message;
      return { workspaceId: attempt.workspaceId, connected: 0, problem };
    }
  }

  private async storeGrant(attempt: OAuthAttempt, network: NetworkId, code: string): Promise<number> {
    const provider = this.provider(network);
    const tokens = await provider.exchangeCode({
      code,
      redirectUri: this.redirectUri(network),
      codeVerifier: attempt.codeVerifierSealed ? this.secrets.open(attempt.codeVerifierSealed) : null,
      instanceUrl: attempt.instanceUrl,
    });
    const missing = provider.requiredScopes.filter((s) => !tokens.scopes.includes(s));
    const found = await provider.listAccounts(tokens, attempt.instanceUrl);
    if (!found.length) throw new AccountsError('OAUTH_NO_ACCOUNTS', NO_ACCOUNTS[network] ?? undefined);
    for (const account of found) await this.upsert(attempt, network, tokens, missing, account);
    return found.length;
  }

  /** Renews a token ahead of its expiry; a refusal marks the account for reconnecting. */
  async refresh(account: SocialAccount): Promise<void> {
    const provider = this.providers[account.network];
    if (!provider || !account.refreshTokenSealed) return;
    try {
      const tokens = await provider.refresh(this.secrets.open(account.refreshTokenSealed));
      if (!tokens) return;
      await this.accounts.update(account.id, {
        ...this.sealedTokens(tokens, tokens.accessToken),
        lastRefreshAt: new Date(),
        lastError: null,
      });
    } catch (error) {
      const reason = `token refresh failed: ${(error as Error).message}`;
      await this.accounts.update(account.id, { status: 'reauth_required', lastError: reason });
      if (account.status === 'active') await announceReconnect(this.events, account, reason);
    }
  }

  private async upsert(
    attempt: OAuthAttempt,
    network: NetworkId,
    tokens: TokenSet,
    missingScopes: string[],
    found: GrantedAccount,
  ): Promise<void> {
    const existing = await this.accounts.findOneBy({
      workspaceId: attempt.workspaceId,
      network,
      externalAccountId: found.externalAccountId,
    });
    const columns = {
      ...this.sealedTokens(tokens, found.accessToken ?? tokens.accessToken),
      name: found.name.slice(0, 100),
      status: 'active' as const,
      missingScopes,
      lastError: missingScopes.length ? `missing permissions: ${missingScopes.join(', ')}` : null,
      lastRefreshAt: new Date(),
      deletedAt: null,
      // Reconnecting reads the choices again (boards made since); other settings stay.
      ...(found.settings && { settings: { ...existing?.settings, ...found.settings } as AccountSettings }),
    };
    const actor = { kind: 'user' as const, userId: attempt.userId, apiKey: null };
    if (existing) {
      await this.accounts.update(existing.id, columns);
      await this.activity.record(attempt.workspaceId, actor, {
        action: 'account.reconnected',
        targetType: 'account',
        targetId: existing.id,
        details: { name: columns.name, network },
      });
      return;
    }
    const id = newId();
    await this.accounts.insert({
      id,
      workspaceId: attempt.workspaceId,
      network,
      externalAccountId: found.externalAccountId,
      settings: {},
      ...columns,
    });
    await this.activity.record(attempt.workspaceId, actor, {
      action: 'account.connected',
      targetType: 'account',
      targetId: id,
      details: { name: columns.name, network },
    });
  }

  private sealedTokens(tokens: TokenSet, accessToken: string) {
    return {
      accessTokenSealed: this.secrets.seal(accessToken),
      refreshTokenSealed: tokens.refreshToken ? this.secrets.seal(tokens.refreshToken) : null,
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes,
    };
  }

  private provider(network: NetworkId): OAuthProvider {
    const provider = this.providers[network];
    if (!provider) {
      throw new AccountsError(
        'NETWORK_NOT_CONFIGURED',
        `${network} needs ${networkSettings(network)} in the server's configuration (see the README)`,
      );
    }
    return provider;
  }
}
