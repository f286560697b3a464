import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { ActivityService } from '../activity/activity.service';
import { CommonError } from '../common/common.errors';
import { newId } from '../common/ids';
import { SecretBox } from '../common/secret-box';
import { ConnectorFailure, CredentialsRejectedError, type VerifiedAccount } from '../connectors/connector';
import { CREDENTIALS_PROVIDERS, type CredentialsProviderMap } from '../connectors/connectors.module';
import type { NetworkId } from '../connectors/network-limits';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { toAccountDto } from './accounts.service';
import type { AccountDto } from './accounts.dto';
import { AccountsError } from './accounts.errors';
import { SECRET_BOX } from './secret-box.provider';
import { SocialAccount } from './social-account.entity';

const MAX_CREDENTIAL_LENGTH = 2000;

/**
 * Connects networks a person signs in to by pasting credentials (a bot token, an app password):
 * checked against the network first, then stored sealed; the same account again is a reconnect.
 */
@Injectable()
export class CredentialsConnectService {
  constructor(
    @InjectRepository(SocialAccount) private readonly accounts: Repository<SocialAccount>,
    @Inject(CREDENTIALS_PROVIDERS) private readonly providers: CredentialsProviderMap,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly activity: ActivityService,
  ) {}

  async connect(
    workspace: WorkspaceAccess,
    actor: Principal,
    network: NetworkId,
    credentials: Record<string, unknown>,
  ): Promise<AccountDto[]> {
    const provider = this.providers[network];
    if (!provider) {
      const message = `${NETWORK_LIMITS[network].label} connects through its sign-in: POST /api/v1/accounts/oauth/${network}/start`;
      throw new CommonError('VALIDATION', `network: ${message}`, [{ field: 'network', message }]);
    }
    const values = fieldValues(provider.fields, credentials);
    const verified = await this.verify(() => provider.verify(values), NETWORK_LIMITS[network].label);
    const saved: AccountDto[] = [];
    for (const account of verified) saved.push(await this.upsert(workspace.workspaceId, actor, network, account));
    return saved;
  }

  private async verify(check: () => Promise<VerifiedAccount[]>, label: string): Promise<VerifiedAccount[]> {
    try {
      return await check();
    } catch (error) {
      if (error instanceof CredentialsRejectedError) {
        const field = `credentials.${error.field}`;
        throw new CommonError('VALIDATION', `${field}: ${error.message}`, [{ field, message: error.message }]);
      }
      if (error instanceof ConnectorFailure)
        throw new AccountsError('NETWORK_UNREACHABLE', `${label} could not check the credentials: ${error.message}`);
      throw error;
    }
  }

  private async upsert(
    workspaceId: string,
    actor: Principal,
    network: NetworkId,
    found: VerifiedAccount,
  ): Promise<AccountDto> {
    const existing = await this.accounts.findOneBy({
      workspaceId,
      network,
      externalAccountId: found.externalAccountId,
    });
    const columns = {
      name: found.name.slice(0, 100),
      status: 'active' as const,
      accessTokenSealed: this.secrets.seal(found.tokens.accessToken),
      refreshTokenSealed: found.tokens.refreshToken ? this.secrets.seal(found.tokens.refreshToken) : null,
      tokenExpiresAt: found.tokens.expiresAt,
      scopes: found.tokens.scopes,
      missingScopes: [],
      lastError: null,
      lastRefreshAt: new Date(),
      settings: { ...(existing?.settings ?? {}), ...(found.settings ?? {}) },
      deletedAt: null,
    };
    const id = existing?.id ?? newId();
    if (existing) await this.accounts.update(id, columns);
    else
      await this.accounts.insert({ id, workspaceId, network, externalAccountId: found.externalAccountId, ...columns });
    await this.activity.record(workspaceId, actor, {
      action: existing ? 'account.reconnected' : 'account.connected',
      targetType: 'account',
      targetId: id,
      details: { name: columns.name, network },
    });
    return toAccountDto(await this.accounts.findOneByOrFail({ id }));
  }
}

/** The fields the network asks for, as texts; a missing or oversized one is named before the network is asked. */
function fieldValues(
  fields: Array<{ name: string; label: string; required: boolean }>,
  credentials: Record<string, unknown>,
): Record<string, string> {
  const errors = fields.flatMap(({ name, label, required }) => {
    const value = credentials[name];
    const field = `credentials.${name}`;
    if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
      return required ? [{ field, message: `(${label}) is required` }] : [];
    if (typeof value !== 'string') return [{ field, message: 'must be a text' }];
    if (value.length > MAX_CREDENTIAL_LENGTH)
      return [{ field, message: `must be at most ${MAX_CREDENTIAL_LENGTH} characters` }];
    return [];
  });
  if (errors.length)
    throw new CommonError('VALIDATION', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return Object.fromEntries(
    fields.flatMap(({ name }) => (typeof credentials[name] === 'string' ? [[name, credentials[name].trim()]] : [])),
  );
}
