import { DataSource, EntityManager, In } from 'typeorm';
import { newId } from '../common/ids';
import { PostVariant } from '../posts/post-variant.entity';
import { Post } from '../posts/post.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { insertIgnoringDuplicates } from '../database/insert-ignoring-duplicates';
import { nextOccurrence } from './next-occurrence';
import { PublishJob } from './publish-job.entity';
import { inLists } from '../database/in-lists';
import { inTransaction } from '../database/transactions';

export interface TickOptions {
  /** Variants due this far ahead get their job now, so it is ready on time. */
  horizonMs: number;
  batchSize: number;
}

/**
 * Turns due variants into PublishJobs, one per (variant, occurrence): the unique key makes a
 * repeated or concurrent tick harmless. A single-time variant then waits in `publishing`; a
 * repeating one moves on to its next occurrence.
 */
export class SchedulerTick {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: TickOptions,
  ) {}

  /** Returns how many variants it handled (a full batch means: run again now). */
  run(now = new Date()): Promise<number> {
    return inTransaction(this.dataSource, async (em) => {
      const due = await this.lockDue(em, new Date(now.getTime() + this.options.horizonMs));
      if (due.length) await this.materialise(em, due);
      return due.length;
    });
  }

  /**
   * Due variants, locked until this transaction ends, so a concurrent edit waits for the tick
   * (and then finds the variant publishing). Another worker's tick skips rows locked here.
   * SQLite has no row locks: its transactions already take turns.
   */
  private lockDue(em: EntityManager, until: Date): Promise<PostVariant[]> {
    const query = em
      .createQueryBuilder(PostVariant, 'v')
      .select(['v.id', 'v.postId', 'v.workspaceId', 'v.accountId', 'v.scheduledAt'])
      .where("v.state = 'scheduled'")
      .andWhere('v.scheduledAt <= :until', { until })
      .orderBy('v.scheduledAt', 'ASC')
      .take(this.options.batchSize);
    if (em.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  private async materialise(em: EntityManager, due: PostVariant[]): Promise<void> {
    const postIds = [...new Set(due.map((v) => v.postId))];
    const schedules = new Map((await em.findBy(Schedule, { postId: In(postIds) })).map((s) => [s.postId, s]));
    await insertIgnoringDuplicates(em, PublishJob, due.map((v) => this.jobFor(v)) as PublishJob[]);

    const finished: PostVariant[] = [];
    const evergreen = new Set<string>();
    for (const variant of due) {
      const schedule = schedules.get(variant.postId);
      const next = nextOccurrence(schedule, variant.scheduledAt!);
      if (schedule?.type === 'evergreen') evergreen.add(schedule.id);
      if (next) await em.update(PostVariant, variant.id, { scheduledAt: next });
      else finished.push(variant);
    }
    for (const chunk of inLists(finished)) {
      await em.update(PostVariant, { id: In(chunk.map((v) => v.id)) }, { state: 'publishing' });
      await em.update(Post, { id: In([...new Set(chunk.map((v) => v.postId))]) }, { state: 'publishing' });
    }
    if (evergreen.size) await em.increment(Schedule, { id: In([...evergreen]) }, 'occurrences', 1);
  }

  private jobFor(variant: PostVariant): Omit<PublishJob, 'createdAt' | 'updatedAt'> {
    return {
      id: newId(),
      workspaceId: variant.workspaceId,
      postId: variant.postId,
      variantId: variant.id,
      accountId: variant.accountId,
      occurrenceAt: variant.scheduledAt!,
      dueAt: variant.scheduledAt!,
      status: 'queued',
      attempts: 0,
      claimToken: null,
      leaseUntil: null,
      errorCode: null,
      errorMessage: null,
      externalId: null,
      history: [],
      publishedAt: null,
    };
  }
}
