import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { WorkspaceAccess } from '../access/access-context';
import { Membership } from './membership.entity';
import { RolesService } from './roles.service';

/** What a user may do in a workspace: their membership's role, resolved to permissions. */
@Injectable()
export class WorkspaceAccessService {
  constructor(
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly roles: RolesService,
  ) {}

  /** Null when the user is not a member — callers answer 404, never revealing the workspace. */
  async resolve(userId: string, workspaceId: string): Promise<WorkspaceAccess | null> {
    const membership = await this.memberships.findOneBy({ userId, workspaceId });
    if (!membership) return null;
    const role = await this.roles.find(workspaceId, membership.role);
    return {
      workspaceId,
      role: membership.role,
      roleName: role?.name ?? membership.role,
      permissions: role?.permissions ?? [],
    };
  }
}
