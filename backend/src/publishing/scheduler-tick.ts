import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { newId } from '../common/ids';
import { PostVariant } from '../posts/post-variant.entity';
import { Post } from '../posts/post.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { insertIgnoringDuplicates } from './insert-ignoring-duplicates';
import { nextOccurrence } from './next-occurrence';
import { PublishJob } from './publish-job.entity';
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
  async run(now = new Date()): Promise<number> {
    const due = await this.dataSource.manager.find(PostVariant, {
      select: { id: true, postId: true, workspaceId: true, accountId: true, scheduledAt: true },
      where: { state: 'scheduled', scheduledAt: LessThanOrEqual(new Date(now.getTime() + this.options.horizonMs)) },
      order: { scheduledAt: 'ASC' },
      take: this.options.batchSize,
    });
    if (!due.length) return 0;
    await inTransaction(this.dataSource, (em) => this.materialise(em, due));
    return due.length;
  }

  private async materialise(em: EntityManager, due: PostVariant[]): Promise<void> {
    const postIds = [...new Set(due.map((v) => v.postId))];
    const schedules = new Map((await em.findBy(Schedule, { postId: In(postIds) })).map((s) => [s.postId, s]));
    const jobs = due.map((v) => this.jobFor(v));
    await insertIgnoringDuplicates(em, PublishJob, jobs as PublishJob[]);

    const finished: string[] = [];
    const moved = new Set<string>();
    for (const [i, variant] of due.entries()) {
      const schedule = schedules.get(variant.postId);
      const next = nextOccurrence(schedule, variant.scheduledAt!);
      const changed = await em.update(
        PostVariant,
        { id: variant.id, state: 'scheduled', scheduledAt: variant.scheduledAt! },
        next ? { scheduledAt: next } : { state: 'publishing' },
      );
      // Someone rescheduled or unscheduled it meanwhile: withdraw the job this tick made.
      if (!changed.affected) await em.delete(PublishJob, { id: jobs[i].id, status: 'queued' });
      else if (!next) finished.push(variant.postId);
      if (changed.affected && schedule && schedule.type === 'evergreen') moved.add(schedule.id);
    }
    if (moved.size) {
      await em.increment(Schedule, { id: In([...moved]) }, 'occurrences', 1);
    }
    if (finished.length) {
      await em.update(Post, { id: In([...new Set(finished)]) }, { state: 'publishing' });
    }
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
