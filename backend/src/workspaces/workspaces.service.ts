import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { BUILT_IN_ROLES, isBuiltInRole } from '../access/permissions';
import { CustomRole } from './custom-role.entity';
import { WorkspacesError } from './workspaces.errors';
import { ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { WORKSPACE_ZONE_CHANGED, type WorkspaceZoneChangedEvent } from '../common/domain-events';
import { newId } from '../common/ids';
import { Membership } from './membership.entity';
import { WorkspaceAccessService } from './workspace-access.service';
import { Workspace } from './workspace.entity';
import { CreateWorkspaceDto, UpdateWorkspaceDto, WorkspaceDto, WorkspaceFaceDto } from './workspaces.dto';
import { inTransaction } from '../database/transactions';

const DEFAULT_POSTING_TIMES = ['09:00', '12:30', '17:00'];

@Injectable()
export class WorkspacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Workspace) private readonly workspaces: Repository<Workspace>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly access: WorkspaceAccessService,
    private readonly activity: ActivityService,
    private readonly events: EventEmitter2,
  ) {}

  /** The creator becomes its first Owner, in the same transaction. */
  async create(principal: Principal, dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    const workspace = this.workspaces.create({
      id: newId(),
      name: dto.name,
      timeZone: dto.timeZone,
      firstDayOfWeek: 1,
      logoUrl: null,
      primaryColor: null,
      accentColor: null,
      defaultPostingTimes: DEFAULT_POSTING_TIMES,
      approvalPolicy: null,
    });
    await inTransaction(this.dataSource, async (tx) => {
      await tx.insert(Workspace, workspace);
      await tx.insert(Membership, { id: newId(), workspaceId: workspace.id, userId: principal.userId, role: 'owner' });
    });
    await this.activity.record(workspace.id, principal, {
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace.id,
      details: { name: workspace.name, timeZone: workspace.timeZone },
    });
    return this.get({ ...ownerAccess(workspace.id) });
  }

  /** The user's workspaces, each with the user's role and permissions there. */
  async listForUser(userId: string): Promise<WorkspaceDto[]> {
    const memberships = await this.memberships.findBy({ userId });
    if (!memberships.length) return [];
    const workspaces = await this.workspaces.find({
      where: { id: In(memberships.map((m) => m.workspaceId)) },
      order: { name: 'ASC' },
    });
    const views: WorkspaceDto[] = [];
    for (const workspace of workspaces) {
      const access = await this.access.resolve(userId, workspace.id);
      if (access) views.push(WorkspaceDto.of(workspace, access));
    }
    return views;
  }

  async get(access: WorkspaceAccess): Promise<WorkspaceDto> {
    return WorkspaceDto.of(await this.load(access.workspaceId), access);
  }

  async update(access: WorkspaceAccess, principal: Principal, dto: UpdateWorkspaceDto): Promise<WorkspaceDto> {
    const workspace = await this.load(access.workspaceId);
    const before = snapshot(workspace);
    if (dto.approvalPolicy) await this.assertRoles(workspace.id, dto.approvalPolicy.roles);
    Object.assign(workspace, {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
      ...(dto.firstDayOfWeek !== undefined && { firstDayOfWeek: dto.firstDayOfWeek }),
      ...(dto.defaultPostingTimes !== undefined && {
        defaultPostingTimes: [...new Set(dto.defaultPostingTimes)].sort(),
      }),
      ...(dto.branding?.logoUrl !== undefined && { logoUrl: dto.branding.logoUrl }),
      ...(dto.branding?.primaryColor !== undefined && {
        primaryColor: dto.branding.primaryColor?.toLowerCase() ?? null,
      }),
      ...(dto.branding?.accentColor !== undefined && { accentColor: dto.branding.accentColor?.toLowerCase() ?? null }),
      ...(dto.approvalPolicy && {
        approvalPolicy: { required: dto.approvalPolicy.required, roles: [...new Set(dto.approvalPolicy.roles)].sort() },
      }),
    });
    await this.workspaces.save(workspace);
    const after = snapshot(workspace);
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length) {
      await this.activity.record(workspace.id, principal, {
        action: 'workspace.updated',
        targetType: 'workspace',
        targetId: workspace.id,
        details: { changed: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])) },
      });
    }
    if (before.timeZone !== after.timeZone) {
      const event: WorkspaceZoneChangedEvent = {
        workspaceId: workspace.id,
        from: String(before.timeZone),
        to: workspace.timeZone,
      };
      await this.events.emitAsync(WORKSPACE_ZONE_CHANGED, event);
    }
    return WorkspaceDto.of(workspace, access);
  }

  /** A role named in the approval policy is a built-in role or one of this workspace's custom roles. */
  private async assertRoles(workspaceId: string, roles: string[]): Promise<void> {
    const custom = roles.filter((r) => !isBuiltInRole(r));
    const found = custom.length
      ? await this.dataSource.manager.findBy(CustomRole, { workspaceId, id: In(custom) })
      : [];
    const unknown = custom.filter((r) => !found.some((f) => f.id === r));
    if (unknown.length) {
      throw new WorkspacesError('ROLE_NOT_FOUND', `No role "${unknown[0]}" in this workspace`, [
        { field: 'approvalPolicy.roles', message: 'is not a role of this workspace' },
      ]);
    }
  }

  async timeZoneOf(workspaceId: string): Promise<string> {
    return (await this.load(workspaceId)).timeZone;
  }

  async nameOf(workspaceId: string): Promise<string> {
    return (await this.load(workspaceId)).name;
  }

  async faceOf(workspaceId: string): Promise<WorkspaceFaceDto> {
    return WorkspaceFaceDto.of(await this.load(workspaceId));
  }

  private async load(id: string): Promise<Workspace> {
    const workspace = await this.workspaces.findOneBy({ id });
    if (!workspace) throw notFound('Workspace');
    return workspace;
  }
}

const ownerAccess = (workspaceId: string): WorkspaceAccess => ({
  workspaceId,
  role: 'owner',
  roleName: BUILT_IN_ROLES.owner.name,
  permissions: BUILT_IN_ROLES.owner.permissions,
});

function snapshot(w: Workspace): Record<string, unknown> {
  return {
    name: w.name,
    timeZone: w.timeZone,
    firstDayOfWeek: w.firstDayOfWeek,
    defaultPostingTimes: w.defaultPostingTimes,
    logoUrl: w.logoUrl,
    primaryColor: w.primaryColor,
    accentColor: w.accentColor,
    approvalPolicy: w.approvalPolicy,
  };
}
