import { Controller, Get, HttpCode, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { PageQuery } from '../common/pagination';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';
import { NotificationsService } from './notifications.service';

class NotificationActionDto {
  @ApiProperty({
    enum: ['retry'],
    description: 'retry: schedule the failed post again (POST /posts/{postId}/reschedule)',
  })
  kind: 'retry';
  @ApiProperty({ format: 'uuid' }) postId: string;
}

class NotificationViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, description: 'What it is about; decides the channel (preferences)' })
  kind: NotificationKind;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'How many events this entry stands for ("10 posts failed")',
  })
  count: number;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true, description: 'In-app path it is about' }) link: string | null;
  @ApiProperty({ type: NotificationActionDto, nullable: true, description: 'What it offers to do in place' })
  action: NotificationActionDto | null;
  @ApiProperty() read: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it last grew (a group) or changed' }) updatedAt: string;
}

class NotificationListDto {
  @ApiProperty({ type: [NotificationViewDto], description: 'Newest first, a page at a time' })
  items: NotificationViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor: string | null;
  @ApiProperty({ type: 'integer' }) unread: number;
}

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's notifications in this workspace, newest first a page at a time, with the unread count for the bell. */
  @Get()
  @RequirePermission('workspace:read')
  @ApiOkResponse({ type: NotificationListDto })
  mine(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQuery,
  ) {
    return this.notifications.mine(workspace.workspaceId, principal.userId, query);
  }

  /** Server-sent events: the unread count now, and again whenever it changes. */
  @Sse('stream')
  @RequirePermission('workspace:read')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    schema: { type: 'string' },
    description: 'Server-sent events; each `data:` is JSON {unread, latest} — now, and whenever it changes',
  })
  stream(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
  ): Observable<MessageEvent> {
    return this.notifications.live.watch(principal.userId, workspace.workspaceId).pipe(
      switchMap(() => from(this.notifications.mine(workspace.workspaceId, principal.userId))),
      switchMap((mine) => from([{ data: { unread: mine.unread, latest: mine.items[0] ?? null } }])),
    );
  }

  @Post('read')
  @HttpCode(204)
  @RequirePermission('workspace:read')
  @ApiNoContentResponse({ description: 'All marked read' })
  readAll(@CurrentWorkspace() workspace: WorkspaceAccess, @CurrentPrincipal() principal: Principal) {
    return this.notifications.markRead(workspace.workspaceId, principal.userId);
  }

  @Post(':id/read')
  @HttpCode(204)
  @RequirePermission('workspace:read')
  @ApiNoContentResponse({ description: 'Marked read' })
  read(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ) {
    return this.notifications.markRead(workspace.workspaceId, principal.userId, id);
  }
}
