import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Cron } from 'croner';
import { Repository } from 'typeorm';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { insertIgnoringDuplicates } from '../../database/insert-ignoring-duplicates';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { AutomationTriggers } from '../automation-triggers';
import type { Automation } from '../automation.entity';
import type { GraphNode } from '../graph';
import { RunsService } from '../runs.service';
import { TriggerState } from '../trigger-state.entity';

export const SCHEDULE_JOB = 'automations.schedule';

/**
 * `schedule` trigger nodes: every minute, each live node whose cron came due since its last
 * fire starts one run (missed fires while the server was down collapse into one, never a burst).
 * Cron is read in the workspace's time zone (croner), so 09:00 stays 09:00 across DST.
 */
@Injectable()
export class ScheduleTrigger implements OnModuleInit {
  private readonly logger = new Logger('ScheduleTrigger');

  constructor(
    @InjectRepository(TriggerState) private readonly states: Repository<TriggerState>,
    private readonly triggers: AutomationTriggers,
    private readonly runs: RunsService,
    private readonly workspaces: WorkspacesService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define(SCHEDULE_JOB, async () => {
      await this.check();
    });
    this.jobs.every(SCHEDULE_JOB, '1 minute');
  }

  /** Returns the runs started. */
  async check(now = new Date()): Promise<number> {
    let started = 0;
    for (const { automation, node } of await this.triggers.live('schedule')) {
      // One node that cannot fire (a cron croner refuses) must not stop every other workspace's schedules.
      try {
        if (await this.fire(automation, node, now)) started++;
      } catch (error) {
        this.logger.error(`automation ${automation.id} node ${node.id}: ${(error as Error).message}`);
      }
    }
    if (started) this.logger.log(`started ${started} scheduled run(s)`);
    return started;
  }

  /** Starts the node's run if its cron came due since it last fired; whether it did. */
  private async fire(automation: Automation, node: GraphNode, now: Date): Promise<boolean> {
    const key = { automationId: automation.id, nodeId: node.id };
    const state = await this.states.findOneBy(key);
    // A new schedule counts from now: publishing at 09:30 does not fire the 09:00 of today.
    const since = state ? new Date(state.cursor) : now;
    const timezone = await this.workspaces.timeZoneOf(automation.workspaceId);
    const next = new Cron(String(node.config.cron), { timezone, paused: true }).nextRun(since);
    if (!state)
      await insertIgnoringDuplicates(this.states.manager, TriggerState, [
        this.states.create({ ...key, cursor: now.toISOString() }),
      ]);
    if (!next || next > now) return false;
    const claimed = await this.states.update({ ...key, cursor: state!.cursor }, { cursor: now.toISOString() });
    if (!claimed.affected) return false; // another worker fired it
    await this.runs.start(automation, node.id, { firedAt: next.toISOString() });
    return true;
  }
}
