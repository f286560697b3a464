import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { Permission } from '../access/permissions';
import { ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { randomToken, sameHash, sha256 } from '../common/secrets';
import { ApiKey } from './api-key.entity';
import { ApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { ApiKeysError } from './api-keys.errors';

/** Keys look like `so_<12 chars>_<secret>`; the part before the secret is the stored prefix. */
export const API_KEY_PREFIX = 'so_';
const PREFIX_LENGTH = API_KEY_PREFIX.length + 12;
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly activity: ActivityService,
  ) {}

  static looksLikeKey(token: string): boolean {
    return token.startsWith(API_KEY_PREFIX);
  }

  async create(
    caller: WorkspaceAccess,
    actor: Principal,
    name: string,
    scopes: Permission[],
  ): Promise<CreatedApiKeyDto> {
    const beyond = scopes.filter((s) => !caller.permissions.includes(s));
    if (beyond.length) {
      throw new ApiKeysError('SCOPE_EXCEEDS_CALLER', `You do not have: ${beyond.join(', ')}`, [
        { field: 'scopes', message: `exceeds your own permissions: ${beyond.join(', ')}` },
      ]);
    }
    const prefix = `${API_KEY_PREFIX}${randomToken(9)}`;
    const secret = randomToken();
    const key = this.keys.create({
      id: newId(),
      workspaceId: caller.workspaceId,
      createdById: actor.userId,
      name,
      prefix,
      secretHash: sha256(secret),
      scopes,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.keys.insert(key);
    await this.activity.record(caller.workspaceId, actor, {
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: key.id,
      details: { name, prefix, scopes },
    });
    return { ...ApiKeyDto.of(await this.load(caller.workspaceId, key.id)), key: `${prefix}_${secret}` };
  }

  async list(workspaceId: string): Promise<ApiKeyDto[]> {
    const keys = await this.keys.find({
      where: { workspaceId, revokedAt: IsNull() },
      order: { id: 'DESC' },
      relations: { createdBy: true },
    });
    return keys.map(ApiKeyDto.of);
  }

  async revoke(workspaceId: string, actor: Principal, id: string): Promise<void> {
    const result = await this.keys.update({ id, workspaceId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (result.affected !== 1) throw notFound('API key');
    await this.activity.record(workspaceId, actor, { action: 'api_key.revoked', targetType: 'api_key', targetId: id });
  }

  /**
   * Revokes every live key a member created in the workspace, inside the transaction that ends
   * the membership: a key acts for its creator's membership, so rejoining must not revive it.
   */
  async revokeAllOfMember(tx: EntityManager, workspaceId: string, userId: string): Promise<number> {
    const result = await tx.update(
      ApiKey,
      { workspaceId, createdById: userId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return result.affected ?? 0;
  }

  /** The live key behind a presented secret, or null (unknown, wrong secret, revoked). */
  async authenticate(presented: string): Promise<ApiKey | null> {
    const prefix = presented.slice(0, PREFIX_LENGTH);
    const secret = presented.slice(PREFIX_LENGTH + 1);
    if (!prefix.startsWith(API_KEY_PREFIX) || presented[PREFIX_LENGTH] !== '_' || !secret) return null;
    const key = await this.keys.findOneBy({ prefix });
    if (!key || key.revokedAt || !sameHash(key.secretHash, sha256(secret))) return null;
    await this.touch(key);
    return key;
  }

  /** Records use at minute resolution, so a busy key does not write on every request. */
  private async touch(key: ApiKey): Promise<void> {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await this.keys.update(
      key.lastUsedAt ? { id: key.id, lastUsedAt: LessThan(staleBefore) } : { id: key.id, lastUsedAt: IsNull() },
      { lastUsedAt: now },
    );
  }

  private async load(workspaceId: string, id: string): Promise<ApiKey> {
    const key = await this.keys.findOne({ where: { workspaceId, id }, relations: { createdBy: true } });
    if (!key) throw notFound('API key');
    return key;
  }
}
