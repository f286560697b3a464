import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { inLists } from '../../database/in-lists';
import { insertIgnoringDuplicates } from '../../database/insert-ignoring-duplicates';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { AutomationTriggers } from '../automation-triggers';
import { TriggerKey } from '../trigger-key.entity';
import { TriggerState } from '../trigger-state.entity';
import { FeedHealth, type CheckedFeed } from './feed-health';
import { itemsToSend, readFeed, type FeedRead } from './feed-reader';
import { inTurns } from './in-turns';
import type { FeedStatus } from './feed-status.entity';

export const FEEDS_JOB = 'automations.feeds';

/** How long one poll may keep starting checks (it runs every minute). */
const POLL_BUDGET_MS = 45_000;

/** When a feed became due: never checked (or readdressed) first, then the longest waiting. */
const dueTime = (feed: DueFeed) =>
  feed.previous && feed.previous.feedUrl === feed.feedUrl ? feed.previous.nextCheckAt.getTime() : 0;

interface DueFeed extends CheckedFeed {
  previous: FeedStatus | undefined;
  everyMs: number;
  backfill: number;
}

/**
 * `rss-in` trigger nodes: the worker checks each live node's feed every `pollMinutes` (backing off
 * while it fails, see FeedHealth) and starts a run per new item, de-duplicated by guid/link (kept
 * per node in SQL). Feeds are fetched a few at a time, taken in turn from each workspace, each
 * within a timeout, so one workspace's slow feeds never hold back another's. The poll is one
 * Agenda job, locked while it runs, so two workers never poll the same feed at once.
 */
@Injectable()
export class FeedTrigger implements OnModuleInit {
  private readonly logger = new Logger('FeedTrigger');

  constructor(
    @InjectRepository(TriggerState) private readonly states: Repository<TriggerState>,
    @InjectRepository(TriggerKey) private readonly seen: Repository<TriggerKey>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly triggers: AutomationTriggers,
    private readonly jobs: BackgroundJobs,
    private readonly health: FeedHealth,
  ) {}

  onModuleInit(): void {
    this.jobs.define(FEEDS_JOB, async () => {
      await this.poll();
    });
    this.jobs.every(FEEDS_JOB, '1 minute');
  }

  /**
   * Checks the feeds that are due, most overdue first; returns the runs started. No check starts
   * after `budgetMs`: the job holds its lock while it runs and runs every minute, so the feeds left
   * are due (and first) on the next run, and a poll never outlives its lock to overlap the next.
   */
  async poll(now = new Date(), budgetMs = POLL_BUDGET_MS): Promise<number> {
    let started = 0;
    const due = await this.dueFeeds(now);
    const deadline = Date.now() + budgetMs;
    await inTurns(
      due,
      (feed) => feed.automation.workspaceId,
      this.config.automation.feedConcurrency,
      async (feed) => {
        try {
          // Not `started += await …`: that reads `started` before the await, losing other feeds' counts.
          const count = await this.check(feed, now);
          started += count;
        } catch (error) {
          // Not the feed's fault (the database, a run that could not start): the next poll retries.
          this.logger.error(`automation ${feed.automation.id} node ${feed.nodeId}: ${(error as Error).message}`);
        }
      },
      () => Date.now() > deadline,
    );
    return started;
  }

  private async dueFeeds(now: Date): Promise<DueFeed[]> {
    const live = await this.triggers.live('rss-in');
    const statuses = await this.health.of(live.map((l) => l.automation.id));
    return live
      .map(({ automation, node }) => ({
        automation,
        nodeId: node.id,
        feedUrl: String(node.config.feedUrl ?? ''),
        previous: this.health.statusOf(statuses, automation.id, node.id),
        // Checked when published; a graph stored before that check still must not make an invalid date.
        everyMs: Math.max(1, Number(node.config.pollMinutes) || 15) * 60_000,
        backfill: Math.max(0, Number(node.config.backfill) || 0),
      }))
      .filter((feed) => this.health.isDue(feed.previous, feed.feedUrl, feed.everyMs, now))
      .sort((a, b) => dueTime(a) - dueTime(b));
  }

  /** One feed: read it, record how that went, and start a run per new item. */
  private async check(feed: DueFeed, now: Date): Promise<number> {
    let read: FeedRead;
    try {
      read = await readFeed(feed.feedUrl, {
        allowPrivate: this.config.allowPrivateUrls,
        timeoutMs: this.config.automation.feedTimeoutMs,
      });
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(`automation ${feed.automation.id} node ${feed.nodeId}: ${message}`);
      await this.health.failed(feed, feed.previous, message, feed.everyMs, now);
      return 0;
    }
    const key = { automationId: feed.automation.id, nodeId: feed.nodeId };
    const { items, skipped } = read;
    const known = new Set<string>();
    for (const keys of inLists(items.map((i) => i.key))) {
      for (const seen of await this.seen.findBy({ ...key, itemKey: In(keys) })) known.add(seen.itemKey);
    }
    const firstPoll = !(await this.states.existsBy(key));
    const toSend = itemsToSend(items, known, firstPoll, feed.backfill);
    // Items this check left out are named in the runs it started, as well as on the automation's page.
    const starts = toSend.map(({ key: _key, ...payload }) => ({
      automation: feed.automation,
      triggerNodeId: feed.nodeId,
      payload: skipped.length ? { ...payload, skippedItems: skipped } : payload,
    }));
    // The runs and the items marked seen are written together: a crash between them can neither
    // lose an item (seen, never run) nor run it twice.
    await this.triggers.startRuns(starts, async (em) => {
      // Everything fetched is seen from now on: the backfill decides what the first poll sends.
      await insertIgnoringDuplicates(
        em,
        TriggerKey,
        items.filter((i) => !known.has(i.key)).map((i) => this.seen.create({ ...key, itemKey: i.key })),
      );
      await em.upsert(TriggerState, { ...key, cursor: now.toISOString() }, ['automationId', 'nodeId']);
    });
    await this.health.succeeded(feed, feed.previous, { items: items.length, skipped }, feed.everyMs, now);
    return toSend.length;
  }
}
