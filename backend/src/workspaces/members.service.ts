import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { assertWithinCallerPower } from '../access/grants';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { IdentityService } from '../identity/identity.service';
import { Membership } from './membership.entity';
import { RolesService } from './roles.service';
import { WorkspacesError } from './workspaces.errors';
import { inTransaction } from '../database/transactions';
import { actsAsOwner } from './owner-rule';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: string;
  roleName: string;
  joinedAt: string;
}

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly roles: RolesService,
    private readonly identity: IdentityService,
    private readonly activity: ActivityService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async list(workspaceId: string): Promise<MemberView[]> {
    const memberships = await this.memberships.find({ where: { workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const users = new Map((await this.identity.findMany(memberships.map((m) => m.userId))).map((u) => [u.id, u]));
    const roleNames = new Map((await this.roles.list(workspaceId)).map((r) => [r.id, r.name]));
    return memberships.flatMap((m) => {
      const user = users.get(m.userId);
      if (!user) return [];
      return [
        {
          userId: m.userId,
          email: user.email,
          name: user.name,
          role: m.role,
          roleName: roleNames.get(m.role) ?? m.role,
          joinedAt: m.createdAt.toISOString(),
        },
      ];
    });
  }

  async get(workspaceId: string, userId: string): Promise<MemberView> {
    const member = (await this.list(workspaceId)).find((m) => m.userId === userId);
    if (!member) throw notFound('Member');
    return member;
  }

  async add(workspaceId: string, userId: string, role: string, actor: Principal | null): Promise<void> {
    if (await this.memberships.existsBy({ workspaceId, userId })) throw new WorkspacesError('ALREADY_MEMBER');
    await this.roles.require(workspaceId, role);
    await this.memberships.insert({ id: newId(), workspaceId, userId, role });
    await this.activity.record(workspaceId, actor, {
      action: 'member.joined',
      targetType: 'user',
      targetId: userId,
      details: { role },
    });
  }

  async changeRole(caller: WorkspaceAccess, actor: Principal, userId: string, role: string): Promise<MemberView> {
    const workspaceId = caller.workspaceId;
    const granted = await this.roles.require(workspaceId, role);
    const from = await inTransaction(this.dataSource, async (tx) => {
      const membership = await this.findMembership(tx, workspaceId, userId);
      await this.assertMayManage(caller, membership.role, granted.id);
      assertWithinCallerPower(caller, granted.permissions, 'role');
      if (membership.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(tx, workspaceId);
      await tx.update(Membership, membership.id, { role });
      return membership.role;
    });
    await this.activity.record(workspaceId, actor, {
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      details: { from, to: role },
    });
    return this.get(workspaceId, userId);
  }

  /** Removes a member (or lets members leave). The last Owner can do neither. */
  async remove(caller: WorkspaceAccess, actor: Principal, userId: string): Promise<void> {
    const workspaceId = caller.workspaceId;
    const { role, revokedApiKeys } = await inTransaction(this.dataSource, async (tx) => {
      const membership = await this.findMembership(tx, workspaceId, userId);
      if (userId !== actor.userId) await this.assertMayManage(caller, membership.role);
      if (membership.role === 'owner') await this.assertAnotherOwner(tx, workspaceId);
      await tx.delete(Membership, membership.id);
      // Keys act for their creator's membership: revoked with it, so rejoining never revives them.
      const revoked = await this.apiKeys.revokeAllOfMember(tx, workspaceId, userId);
      return { role: membership.role, revokedApiKeys: revoked };
    });
    await this.activity.record(workspaceId, actor, {
      action: 'member.removed',
      targetType: 'user',
      targetId: userId,
      details: { role, left: userId === actor.userId, revokedApiKeys },
    });
  }

  private async findMembership(tx: EntityManager, workspaceId: string, userId: string): Promise<Membership> {
    const membership = await tx.findOneBy(Membership, { workspaceId, userId });
    if (!membership) throw notFound('Member');
    return membership;
  }

  /**
   * Owners are managed, and granted, by Owners only, acting with every permission (an Owner's key
   * scoped to `members:write` is not an Owner). Nor can anyone manage a member who holds more than
   * they do.
   */
  private async assertMayManage(caller: WorkspaceAccess, currentRole: string, newRole?: string): Promise<void> {
    if ((currentRole === 'owner' || newRole === 'owner') && !actsAsOwner(caller)) {
      throw new WorkspacesError('OWNER_ONLY', 'Only an Owner can change or grant the Owner role', [
        { field: 'role', message: 'only an Owner (with every permission) can change or grant the Owner role' },
      ]);
    }
    const current = await this.roles.find(caller.workspaceId, currentRole);
    if (current) assertWithinCallerPower(caller, current.permissions, 'userId');
  }

  private async assertAnotherOwner(tx: EntityManager, workspaceId: string): Promise<void> {
    const owners = await tx.countBy(Membership, { workspaceId, role: 'owner' });
    if (owners <= 1) throw new WorkspacesError('LAST_OWNER', 'Make another member an Owner first');
  }
}
