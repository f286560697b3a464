import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { ActivityAction, ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { SecretBox } from '../common/secret-box';
import type { AccountCredentials } from '../connectors/connector';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { SECRET_BOX } from './secret-box.provider';
import { announceReconnect } from './account-reconnect';
import { AccountDto, UpdateAccountDto } from './accounts.dto';
import { AccountsError } from './accounts.errors';
import { SocialAccount } from './social-account.entity';

export const toAccountDto = (a: SocialAccount): AccountDto => ({
  id: a.id,
  network: a.network,
  networkLabel: NETWORK_LIMITS[a.network].label,
  name: a.name,
  externalAccountId: a.externalAccountId,
  status: a.status,
  scopes: a.scopes,
  missingScopes: a.missingScopes,
  tokenExpiresAt: a.tokenExpiresAt?.toISOString() ?? null,
  lastRefreshAt: a.lastRefreshAt?.toISOString() ?? null,
  lastError: a.lastError,
  settings: a.network === 'sandbox' ? a.settings : {},
  demo: a.network === 'sandbox',
  createdAt: a.createdAt.toISOString(),
});

/** Connected accounts of a workspace and their tokens (sealed at rest, opened only to publish). */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(SocialAccount) private readonly accounts: Repository<SocialAccount>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly activity: ActivityService,
    private readonly events: EventEmitter2,
  ) {}

  async list(workspaceId: string): Promise<AccountDto[]> {
    return (await this.live(workspaceId)).map(toAccountDto);
  }

  /** The workspace's accounts that are not deleted, oldest first. */
  live(workspaceId: string): Promise<SocialAccount[]> {
    return this.accounts.find({ where: { workspaceId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** A live (not deleted) account of the workspace, or 404. */
  async get(workspaceId: string, id: string): Promise<SocialAccount> {
    const account = await this.accounts.findOneBy({ id, workspaceId, deletedAt: IsNull() });
    if (!account) throw notFound('Account');
    return account;
  }

  async connectSandbox(workspace: WorkspaceAccess, actor: Principal, name: string): Promise<AccountDto> {
    const account = this.accounts.create({
      id: newId(),
      workspaceId: workspace.workspaceId,
      network: 'sandbox',
      name,
      externalAccountId: `sandbox-${newId()}`,
      status: 'active',
      accessTokenSealed: this.secrets.seal(`sandbox-token-${newId()}`),
      refreshTokenSealed: null,
      tokenExpiresAt: null,
      lastRefreshAt: null,
      scopes: ['publish', 'read_insights'],
      missingScopes: [],
      lastError: null,
      settings: {},
      deletedAt: null,
    });
    await this.accounts.insert(account);
    await this.recordActivity(workspace.workspaceId, actor, 'account.connected', account);
    return toAccountDto(account);
  }

  async update(workspaceId: string, actor: Principal, id: string, change: UpdateAccountDto): Promise<AccountDto> {
    const account = await this.get(workspaceId, id);
    if (change.settings && account.network !== 'sandbox') throw new AccountsError('SETTINGS_NOT_SUPPORTED');
    if (change.name !== undefined) account.name = change.name;
    if (change.settings) account.settings = { ...account.settings, ...change.settings };
    if (change.disabled !== undefined) account.status = this.statusAfterToggle(account, change.disabled);
    await this.accounts.save(account);
    await this.recordActivity(workspaceId, actor, 'account.updated', account);
    return toAccountDto(account);
  }

  /** Keeps the row (posts that went out through it keep their history) and forgets the tokens. */
  async remove(workspaceId: string, actor: Principal, id: string): Promise<void> {
    const account = await this.get(workspaceId, id);
    await this.accounts.update(account.id, {
      deletedAt: new Date(),
      status: 'disabled',
      accessTokenSealed: null,
      refreshTokenSealed: null,
    });
    await this.recordActivity(workspaceId, actor, 'account.deleted', account);
  }

  credentials(account: SocialAccount): AccountCredentials {
    if (!account.accessTokenSealed) throw new AccountsError('OAUTH_DENIED', 'The account has no token; reconnect it');
    return {
      externalAccountId: account.externalAccountId,
      accessToken: this.secrets.open(account.accessTokenSealed),
      settings: { ...account.settings },
    };
  }

  /** The network refused the token: publishing to it stops until a person reconnects. */
  async markReauthRequired(accountId: string, reason: string): Promise<void> {
    const before = await this.accounts.findOneBy({ id: accountId });
    await this.accounts.update(accountId, { status: 'reauth_required', lastError: reason });
    if (before?.status === 'active') await announceReconnect(this.events, before, reason);
  }

  /** Enabling re-activates; for the Sandbox, which has no OAuth, it also stands for reconnecting. */
  private statusAfterToggle(account: SocialAccount, disabled: boolean): SocialAccount['status'] {
    if (disabled) return 'disabled';
    if (account.status === 'disabled') return 'active';
    return account.network === 'sandbox' ? 'active' : account.status;
  }

  private recordActivity(workspaceId: string, actor: Principal, action: ActivityAction, account: SocialAccount) {
    return this.activity.record(workspaceId, actor, {
      action,
      targetType: 'account',
      targetId: account.id,
      details: { name: account.name, network: account.network },
    });
  }
}
