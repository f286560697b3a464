import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { PageQuery, pageOf } from '../common/pagination';
import { ActivityEntryDto } from './activity.dto';
import { IdentityService } from '../identity/identity.service';
import { ActivityService } from './activity.service';

@ApiTags('activity')
@Controller('api/v1/activity')
export class ActivityController {
  constructor(
    private readonly activity: ActivityService,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @RequirePermission('activity:read')
  @ApiOkResponse({ type: pageOf(ActivityEntryDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PageQuery) {
    const page = await this.activity.list(workspace.workspaceId, query);
    const actorIds = [...new Set(page.items.map((e) => e.actorUserId).filter((id): id is string => !!id))];
    // A page costs a fixed number of reads: its entries, their actors, and one per kind of subject.
    const [users, subjects] = await Promise.all([
      this.identity.findMany(actorIds),
      this.activity.subjectsOf(workspace.workspaceId, page.items),
    ]);
    const actors = new Map(users.map((u) => [u.id, u]));
    return {
      items: page.items.map((e) => {
        const actor = e.actorUserId ? actors.get(e.actorUserId) : undefined;
        return {
          id: e.id,
          action: e.action,
          actor: actor ? { id: actor.id, name: actor.name, email: actor.email } : null,
          viaApiKeyId: e.actorApiKeyId,
          targetType: e.targetType,
          targetId: e.targetId,
          subject: subjects.get(e.id) ?? null,
          details: e.details,
          createdAt: e.createdAt.toISOString(),
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
