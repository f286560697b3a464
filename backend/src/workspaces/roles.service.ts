import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { assertWithinCallerPower } from '../access/grants';
import { BUILT_IN_ROLES, isBuiltInRole, Permission, RoleDefinition } from '../access/permissions';
import { ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { CustomRole } from './custom-role.entity';
import { Membership } from './membership.entity';
import { WorkspacesError } from './workspaces.errors';

/** Built-in roles live in code; custom roles are rows owned by one workspace. */
@Injectable()
export class RolesService {
  constructor(
    @InjectRepository(CustomRole) private readonly customRoles: Repository<CustomRole>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly activity: ActivityService,
  ) {}

  async list(workspaceId: string): Promise<RoleDefinition[]> {
    const custom = await this.customRoles.find({ where: { workspaceId }, order: { name: 'ASC' } });
    return [...Object.values(BUILT_IN_ROLES), ...custom.map(toDefinition)];
  }

  /** The role's definition in this workspace, or null when the id is unknown there. */
  async find(workspaceId: string, roleId: string): Promise<RoleDefinition | null> {
    if (isBuiltInRole(roleId)) return BUILT_IN_ROLES[roleId];
    const custom = await this.customRoles.findOneBy({ workspaceId, id: roleId });
    return custom ? toDefinition(custom) : null;
  }

  async require(workspaceId: string, roleId: string, field = 'role'): Promise<RoleDefinition> {
    const role = await this.find(workspaceId, roleId);
    if (!role)
      throw new WorkspacesError('ROLE_NOT_FOUND', `No role "${roleId}" in this workspace`, [
        { field, message: 'is not a role of this workspace' },
      ]);
    return role;
  }

  /** A custom role holds at most what its creator holds (an Admin's key cannot mint billing:write). */
  async create(
    caller: WorkspaceAccess,
    actor: Principal,
    name: string,
    permissions: Permission[],
  ): Promise<RoleDefinition> {
    const workspaceId = caller.workspaceId;
    assertWithinCallerPower(caller, permissions, 'permissions');
    const taken =
      Object.values(BUILT_IN_ROLES).some((r) => r.name.toLowerCase() === name.toLowerCase()) ||
      (await this.customRoles.existsBy({ workspaceId, name }));
    if (taken)
      throw new WorkspacesError('ROLE_NAME_TAKEN', undefined, [
        { field: 'name', message: 'is already used by another role' },
      ]);
    const role = this.customRoles.create({ id: newId(), workspaceId, name, permissions: [...new Set(permissions)] });
    await this.customRoles.insert(role);
    await this.activity.record(workspaceId, actor, {
      action: 'role.created',
      targetType: 'role',
      targetId: role.id,
      details: { name, permissions: role.permissions },
    });
    return toDefinition(role);
  }

  async delete(workspaceId: string, actor: Principal, roleId: string): Promise<void> {
    const role = await this.customRoles.findOneBy({ workspaceId, id: roleId });
    if (!role) throw notFound('Role');
    if (await this.memberships.existsBy({ workspaceId, role: roleId })) {
      throw new WorkspacesError('ROLE_IN_USE', 'Give its members another role first');
    }
    await this.customRoles.delete({ workspaceId, id: roleId });
    await this.activity.record(workspaceId, actor, {
      action: 'role.deleted',
      targetType: 'role',
      targetId: roleId,
      details: { name: role.name },
    });
  }
}

const toDefinition = (role: CustomRole): RoleDefinition => ({
  id: role.id,
  name: role.name,
  builtIn: false,
  permissions: role.permissions as Permission[],
});
