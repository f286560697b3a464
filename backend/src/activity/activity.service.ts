import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../access/access-context';
import { newId } from '../common/ids';
import { insertRows } from '../database/insert-rows';
import { jsonRow } from '../database/json-row';
import { findPage, Page, PageQuery } from '../common/pagination';
import { ActivityEntry } from './activity-entry.entity';

export type ActivityAction =
  | 'workspace.created'
  | 'workspace.updated'
  | 'member.invited'
  | 'invite.revoked'
  | 'member.joined'
  | 'member.removed'
  | 'member.role_changed'
  | 'role.created'
  | 'role.deleted'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'account.connected'
  | 'account.reconnected'
  | 'account.updated'
  | 'account.deleted'
  | 'post.created'
  | 'post.updated'
  | 'post.scheduled'
  | 'post.deleted'
  | 'post.published'
  | 'post.failed'
  | 'post.needs_review'
  | 'post.approval_requested'
  | 'post.approval_withdrawn'
  | 'post.commented'
  | 'post.approved'
  | 'post.edited_before_approval'
  | 'post.declined'
  | 'automation.created'
  | 'automation.edited'
  | 'automation.deleted'
  | 'automation.published'
  | 'automation.enabled'
  | 'automation.disabled'
  | 'automation.run_stopped';

export interface ActivityRecord {
  action: ActivityAction;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** The workspace's audit log: who did what, when. Append-only. */
@Injectable()
export class ActivityService {
  constructor(@InjectRepository(ActivityEntry) private readonly entries: Repository<ActivityEntry>) {}

  /** Within `em`'s transaction when given, so the entry commits with what it records. */
  async record(
    workspaceId: string,
    actor: Principal | null,
    record: ActivityRecord,
    em?: EntityManager,
  ): Promise<void> {
    await insertRows(em ?? this.entries.manager, ActivityEntry, [
      jsonRow({
        id: newId(),
        workspaceId,
        actorUserId: actor?.userId ?? null,
        actorApiKeyId: actor?.apiKey?.id ?? null,
        action: record.action,
        targetType: record.targetType ?? null,
        targetId: record.targetId ?? null,
        details: record.details ?? {},
      }),
    ]);
  }

  list(workspaceId: string, query: PageQuery): Promise<Page<ActivityEntry>> {
    return findPage(this.entries, { workspaceId }, query);
  }
}
