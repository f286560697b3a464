import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { insertIgnoringDuplicates } from '../../database/insert-ignoring-duplicates';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { AutomationTriggers } from '../automation-triggers';
import { TriggerKey } from '../trigger-key.entity';
import { RunsService } from '../runs.service';
import { TriggerState } from '../trigger-state.entity';
import { itemsToSend, readFeed, type FeedItem } from './feed-reader';

export const FEEDS_JOB = 'automations.feeds';

/**
 * `rss-in` trigger nodes: the worker polls each live node's feed every `pollMinutes` and starts a
 * run per new item, de-duplicated by guid/link (kept per node in SQL). The poll is one Agenda job,
 * locked while it runs, so two workers never poll the same feed at once.
 */
@Injectable()
export class FeedTrigger implements OnModuleInit {
  private readonly logger = new Logger('FeedTrigger');

  constructor(
    @InjectRepository(TriggerState) private readonly states: Repository<TriggerState>,
    @InjectRepository(TriggerKey) private readonly seen: Repository<TriggerKey>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly triggers: AutomationTriggers,
    private readonly runs: RunsService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define(FEEDS_JOB, async () => {
      await this.poll();
    });
    this.jobs.every(FEEDS_JOB, '1 minute');
  }

  /** Polls the feeds that are due; returns the runs started. */
  async poll(now = new Date()): Promise<number> {
    let started = 0;
    for (const { automation, node } of await this.triggers.live('rss-in')) {
      const key = { automationId: automation.id, nodeId: node.id };
      const state = await this.states.findOneBy(key);
      const everyMs = Number(node.config.pollMinutes ?? 15) * 60_000;
      if (state && now.getTime() - Date.parse(state.cursor) < everyMs) continue;
      let items: FeedItem[];
      try {
        items = await readFeed(String(node.config.feedUrl), { allowPrivate: this.config.allowPrivateUrls });
      } catch (error) {
        this.logger.warn(`automation ${automation.id} node ${node.id}: ${(error as Error).message}`);
        continue;
      }
      const known = await this.seen.findBy({ ...key, itemKey: In(items.map((i) => i.key)) });
      const toSend = itemsToSend(
        items,
        new Set(known.map((k) => k.itemKey)),
        !state,
        Number(node.config.backfill ?? 0),
      );
      // Everything fetched is seen from now on: the backfill decides what the first poll sends.
      const fresh = items.filter((i) => !known.some((k) => k.itemKey === i.key));
      await insertIgnoringDuplicates(
        this.seen.manager,
        TriggerKey,
        fresh.map((i) => this.seen.create({ ...key, itemKey: i.key })),
      );
      await this.states.upsert({ ...key, cursor: now.toISOString() }, ['automationId', 'nodeId']);
      for (const item of toSend) {
        const { key: _key, ...payload } = item;
        await this.runs.start(automation, node.id, payload);
        started++;
      }
    }
    return started;
  }
}
