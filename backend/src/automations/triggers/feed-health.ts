import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FeedStatusView } from '@socialorchestrator/rule-nodes';
import { In, MoreThan, Repository } from 'typeorm';
import { inLists } from '../../database/in-lists';
import { jsonRow } from '../../database/json-row';
import type { NotificationKind } from '../../notifications/notification-kinds';
import { NotificationsService } from '../../notifications/notifications.service';
import type { Automation } from '../automation.entity';
import type { SkippedItem } from './feed-reader';
import { FeedStatus } from './feed-status.entity';

/** The longest a failing feed waits between checks (unless its own interval is longer). */
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/**
 * When a feed is checked next: after its interval when it was read; after a failure the interval
 * doubles with each failure in a row, up to six hours. Never sooner than its own interval.
 */
export function checkDelayMs(everyMs: number, failures: number): number {
  if (failures === 0) return everyMs;
  return Math.min(everyMs * 2 ** (failures - 1), Math.max(everyMs, MAX_BACKOFF_MS));
}

/** A feed trigger being checked: the node of a live automation, and its address. */
export interface CheckedFeed {
  automation: Automation;
  nodeId: string;
  feedUrl: string;
}

const statusKey = (automationId: string, nodeId: string) => `${automationId}:${nodeId}`;

/**
 * The health of feed triggers: each check is recorded (last check, error, failures in a row,
 * next check), and the team is told once when a feed starts failing and once when it recovers,
 * never on every check.
 */
@Injectable()
export class FeedHealth {
  constructor(
    @InjectRepository(FeedStatus) private readonly statuses: Repository<FeedStatus>,
    private readonly notifications: NotificationsService,
  ) {}

  /** The statuses of these automations' feeds, by `automationId:nodeId`. */
  async of(automationIds: string[]): Promise<Map<string, FeedStatus>> {
    const found = new Map<string, FeedStatus>();
    for (const ids of inLists([...new Set(automationIds)])) {
      for (const status of await this.statuses.findBy({ automationId: In(ids) })) {
        found.set(statusKey(status.automationId, status.nodeId), status);
      }
    }
    return found;
  }

  /** Whether this feed should be checked now (never checked, readdressed, or its delay is over). */
  isDue(status: FeedStatus | undefined, feedUrl: string, everyMs: number, now: Date): boolean {
    if (!status || status.feedUrl !== feedUrl) return true;
    // The interval as it is now: a node given a shorter one does not wait out the longer one.
    const due = Math.min(
      status.nextCheckAt.getTime(),
      status.checkedAt.getTime() + checkDelayMs(everyMs, status.failures),
    );
    return now.getTime() >= due;
  }

  statusOf(statuses: Map<string, FeedStatus>, automationId: string, nodeId: string): FeedStatus | undefined {
    return statuses.get(statusKey(automationId, nodeId));
  }

  async succeeded(
    feed: CheckedFeed,
    previous: FeedStatus | undefined,
    read: { items: number; skipped: SkippedItem[] },
    everyMs: number,
    now: Date,
  ): Promise<void> {
    await this.save(feed, {
      checkedAt: now,
      okAt: now,
      error: null,
      failures: 0,
      nextCheckAt: new Date(now.getTime() + everyMs),
      items: read.items,
      skipped: read.skipped,
    });
    if (previous && previous.failures > 0 && previous.feedUrl === feed.feedUrl) {
      await this.tell(feed, {
        title: `The feed of "${feed.automation.name}" works again`,
        body: `${feed.feedUrl} could be read again after ${previous.failures} failed check(s); new items start runs as before.`,
        // Good news is no feed problem: a plain notice, never grouped with failing feeds.
        kind: 'team',
        email: false,
      });
    }
  }

  async failed(
    feed: CheckedFeed,
    previous: FeedStatus | undefined,
    error: string,
    everyMs: number,
    now: Date,
  ): Promise<void> {
    const readdressed = !previous || previous.feedUrl !== feed.feedUrl;
    const failures = readdressed ? 1 : previous.failures + 1;
    const nextCheckAt = new Date(now.getTime() + checkDelayMs(everyMs, failures));
    await this.save(feed, {
      checkedAt: now,
      okAt: readdressed ? null : previous.okAt,
      error,
      failures,
      nextCheckAt,
      items: readdressed ? 0 : previous.items,
      skipped: readdressed ? [] : previous.skipped,
    });
    // Once, when it starts failing: later failures only move the next check further away.
    if (failures === 1) {
      await this.tell(feed, {
        title: `The feed of "${feed.automation.name}" cannot be read`,
        body: `${error}. No runs start from it until it can be read; it is tried again from ${nextCheckAt.toISOString()}, less often while it keeps failing.`,
        kind: 'feed_failing',
        email: true,
      });
    }
  }

  /** The feed statuses of an automation, for the nodes of its graph (a removed node's is left out). */
  async views(workspaceId: string, automationId: string, nodeIds: string[]): Promise<FeedStatusView[]> {
    if (!nodeIds.length) return [];
    const rows = await this.statuses.find({
      where: { workspaceId, automationId, nodeId: In(nodeIds) },
      order: { nodeId: 'ASC' },
    });
    return rows.map(feedStatusView);
  }

  /** How many feed triggers of each of these automations (of one workspace) are failing, among the nodes of its graph. */
  async failingCounts(workspaceId: string, automations: Automation[]): Promise<Map<string, number>> {
    const rows = await this.statuses.find({
      select: { automationId: true, nodeId: true },
      where: { workspaceId, failures: MoreThan(0) },
    });
    const failing = new Set(rows.map((r) => statusKey(r.automationId, r.nodeId)));
    return new Map(
      automations.map((a) => [
        a.id,
        a.graph.nodes.filter((n) => n.type === 'rss-in' && failing.has(statusKey(a.id, n.id))).length,
      ]),
    );
  }

  private async save(
    feed: CheckedFeed,
    state: Omit<FeedStatus, 'automationId' | 'nodeId' | 'workspaceId' | 'feedUrl' | 'updatedAt' | 'automation'>,
  ): Promise<void> {
    await this.statuses.upsert(
      jsonRow({
        automationId: feed.automation.id,
        nodeId: feed.nodeId,
        workspaceId: feed.automation.workspaceId,
        feedUrl: feed.feedUrl,
        ...state,
      }),
      ['automationId', 'nodeId'],
    );
  }

  private async tell(
    feed: CheckedFeed,
    notice: { title: string; body: string; kind: NotificationKind; email: boolean },
  ): Promise<void> {
    const { workspaceId, id } = feed.automation;
    await this.notifications.notify(workspaceId, {
      roles: ['owner', 'admin'],
      ...notice,
      link: `/w/${workspaceId}/automations/${id}`,
    });
  }
}

export const feedStatusView = (s: FeedStatus): FeedStatusView => ({
  nodeId: s.nodeId,
  feedUrl: s.feedUrl,
  checkedAt: s.checkedAt.toISOString(),
  error: s.error,
  failures: s.failures,
  lastOkAt: s.okAt?.toISOString() ?? null,
  nextCheckAt: s.nextCheckAt.toISOString(),
  items: s.items,
  skipped: s.skipped,
});
