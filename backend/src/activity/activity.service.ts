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
  | 'automation.run_stopped'
  | 'subscription.created'
  | 'subscription.deleted'
  | 'subscription.enabled'
  | 'subscription.disabled';

/** A context's names for its own rows named in the log, in one read for the ids of a page: id → title. */
export type SubjectTitles = (workspaceId: string, ids: string[]) => Promise<Map<string, string>>;

/** What an entry is about, as it is now: a post's title, an automation's name; gone when it was deleted since. */
export interface ActivitySubject {
  type: string;
  id: string;
  /** Its current title, or the one it had when the entry was written if it is gone. */
  title: string | null;
  exists: boolean;
}

export interface ActivityRecord {
  action: ActivityAction;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** The workspace's audit log: who did what, when. Append-only. */
@Injectable()
export class ActivityService {
  /**
   * Each context registers how to name its rows (posts, automations, accounts): the log reads the
   * titles of a page's subjects with one query per kind, never one per entry, and never reads
   * another context's tables itself.
   */
  private readonly subjectTitles = new Map<string, SubjectTitles>();

  constructor(@InjectRepository(ActivityEntry) private readonly entries: Repository<ActivityEntry>) {}

  registerSubjects(targetType: string, titles: SubjectTitles): void {
    this.subjectTitles.set(targetType, titles);
  }

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

  /** The subject of each entry about a named row, by entry id, with one read per kind of subject on the page. */
  async subjectsOf(workspaceId: string, entries: ActivityEntry[]): Promise<Map<string, ActivitySubject>> {
    const idsByType = new Map<string, Set<string>>();
    for (const e of entries) {
      if (e.targetType && e.targetId && this.subjectTitles.has(e.targetType)) {
        idsByType.set(e.targetType, (idsByType.get(e.targetType) ?? new Set()).add(e.targetId));
      }
    }
    const titles = new Map<string, Map<string, string>>();
    await Promise.all(
      [...idsByType].map(async ([type, ids]) =>
        titles.set(type, await this.subjectTitles.get(type)!(workspaceId, [...ids])),
      ),
    );
    const subjects = new Map<string, ActivitySubject>();
    for (const e of entries) {
      // Only kinds a context names (posts, automations, accounts) are subjects; the rest read from details.
      if (!e.targetType || !e.targetId || !titles.has(e.targetType)) continue;
      const current = titles.get(e.targetType)?.get(e.targetId);
      const recorded = e.details['title'] ?? e.details['name'];
      subjects.set(e.id, {
        type: e.targetType,
        id: e.targetId,
        title: current ?? (typeof recorded === 'string' ? recorded : null),
        exists: current !== undefined,
      });
    }
    return subjects;
  }
}
