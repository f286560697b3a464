import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Principal } from '../access/access-context';
import { SocialAccount } from '../accounts/social-account.entity';
import { ActivityEntry } from '../activity/activity-entry.entity';
import { DomainError, FieldError } from '../common/domain-error';
import { newId } from '../common/ids';
import { insertRows } from '../database/insert-rows';
import { jsonRow } from '../database/json-row';
import { inTransaction } from '../database/transactions';
import { MediaDownloadError } from '../media/media-by-url';
import type { MediaUploads } from '../media/media-uploads.service';
import type { ImportedPost } from './import-export/post-sheet';
import type { PlannedSchedule, PlannedVariant, PostPlanner } from './post-planner';
import { announcePostTexts, ensureLabels, insertPostRows, type PostRows } from './post-rows';
import { Post } from './post.entity';
import { QuotaLedger } from './post-sheets.quota-ledger';

/** One problem of one row, as the sheet's person can find and fix it. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** A sheet row that reads as a post. */
export interface SheetPost {
  row: number;
  post: ImportedPost;
}

/** What the writer needs from the app; PostSheets hands its own services over. */
export interface ImportServices {
  dataSource: DataSource;
  planner: PostPlanner;
  media: MediaUploads;
  events: EventEmitter2;
}

/** Who imports into which workspace, read once per import. */
export interface ImportTarget {
  workspaceId: string;
  timeZone: string;
  actor: Principal;
}

/** A row checked and turned into the rows that store it. */
interface PreparedPost extends PostRows {
  row: number;
}

/**
 * Writes imported rows as posts a batch at a time. Each row is checked as the composer's are (the
 * planner's per-network rules, schedule and quotas), in memory against the workspace's accounts read
 * once; the batch's posts, variants, schedules, labels and activity entries then go in as multi-row
 * inserts in one transaction. Creating them one `PostsService.create` at a time (a dozen statements
 * and a read-back each) was what held an import to ~230 rows/s. A bad row only adds its errors; a
 * batch the database refuses is retried a row at a time, so one unwritable row costs only itself.
 */
export class PostImportWriter {
  private readonly logger = new Logger('PostImport');
  private readonly labelIds = new Map<string, string>();

  private constructor(
    private readonly services: ImportServices,
    private readonly target: ImportTarget,
    private readonly live: SocialAccount[],
    private readonly quotas: QuotaLedger,
  ) {}

  static async open(services: ImportServices, target: ImportTarget): Promise<PostImportWriter> {
    const live = await services.dataSource.manager.findBy(SocialAccount, {
      workspaceId: target.workspaceId,
      deletedAt: IsNull(),
    });
    return new PostImportWriter(services, target, live, new QuotaLedger(services.dataSource));
  }

  /** Writes the rows that pass; returns the new posts' ids (in row order) and the others' errors. */
  async write(rows: SheetPost[]): Promise<{ postIds: string[]; errors: RowError[] }> {
    const errors: RowError[] = [];
    const prepared: PreparedPost[] = [];
    for (const { row, post } of rows) {
      const ready = await this.prepare(row, post, (field, message) => errors.push({ row, field, message }));
      if (ready) prepared.push(ready);
    }
    const { dataSource, events } = this.services;
    const { workspaceId } = this.target;
    await ensureLabels(dataSource, workspaceId, [...new Set(prepared.flatMap((p) => p.labels))], this.labelIds);
    const postIds = await this.save(prepared, errors);
    const written = new Set(postIds);
    await announcePostTexts(
      events,
      workspaceId,
      prepared.filter((p) => written.has(p.post.id)),
    );
    return { postIds, errors };
  }

  /** Accounts are named in sheets by name (case-insensitive) or id. */
  private accountOf(ref: string): SocialAccount | undefined {
    const name = ref.toLowerCase();
    return this.live.find((a) => a.id === ref || a.name.toLowerCase() === name);
  }

  private async prepare(
    row: number,
    post: ImportedPost,
    problem: (field: string, message: string) => void,
  ): Promise<PreparedPost | null> {
    const missing = post.accounts.filter((ref) => !this.accountOf(ref));
    if (missing.length) {
      problem('accounts', `no connected account named or with the id ${missing.join(', ')}`);
      return null;
    }
    const { planner } = this.services;
    try {
      const mediaIds = await this.mediaFor(post.mediaUrls);
      const inputs = post.accounts.map((ref) => ({
        accountId: this.accountOf(ref)!.id,
        postType: post.postType,
        mediaIds,
        ...(post.link ? { link: post.link } : {}),
      }));
      const planned = await planner.variantsFor(this.target.workspaceId, post.text, inputs, this.live);
      let plan: PlannedSchedule | null = null;
      if (post.scheduledAt) {
        planner.assertPublishable(planned);
        const input = { type: 'single' as const, at: post.scheduledAt.toISOString() };
        plan = await planner.schedule(input, this.target.timeZone, planned, null);
        const overQuota = await this.quotas.check(planned, plan.firstRun);
        if (overQuota.length) {
          reportAll(overQuota, problem);
          return null;
        }
        this.quotas.add(planned, plan.firstRun);
      }
      return this.rowsOf(row, post, planned, plan);
    } catch (error) {
      if (error instanceof MediaDownloadError) problem('media_urls', error.message);
      else if (error instanceof DomainError) {
        reportAll(
          error.errors?.length ? error.errors : [{ field: 'row', message: error.detail ?? error.spec.title }],
          problem,
        );
      } else throw error;
      return null;
    }
  }

  private rowsOf(row: number, input: ImportedPost, planned: PlannedVariant[], plan: PlannedSchedule | null) {
    const { workspaceId, actor } = this.target;
    const post = Object.assign(new Post(), {
      id: newId(),
      workspaceId,
      authorId: actor.userId,
      title: null,
      text: input.text,
      state: plan ? 'scheduled' : 'draft',
      source: 'import',
    } satisfies Partial<Post>);
    const variants = planned.map((v) => ({
      id: newId(),
      postId: post.id,
      workspaceId,
      accountId: v.account.id,
      text: null,
      postType: v.postType,
      link: v.input.link ?? null,
      mediaIds: v.input.mediaIds ?? [],
      options: {},
      state: plan ? ('scheduled' as const) : ('draft' as const),
      scheduledAt: plan?.firstRun.get(v.account.id) ?? null,
      publishedAt: null,
      externalId: null,
      externalUrl: null,
      lastError: null,
    }));
    // workspaceId: the calendar's index reads repeating schedules by workspace (ListIndexes).
    const schedule = plan && {
      id: newId(),
      postId: post.id,
      workspaceId,
      type: plan.type,
      timeZone: plan.timeZone,
      startAt: plan.startAt,
      rrule: plan.rrule,
      evergreen: plan.evergreen,
      occurrences: 0,
    };
    return { row, post, variants, schedule, labels: [...new Set(input.labels)] };
  }

  private async mediaFor(urls: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const url of urls)
      ids.push(await this.services.media.fromUrl(this.target.workspaceId, this.target.actor.userId, url));
    return ids;
  }

  /** The batch in one transaction; if the database refuses it, each row alone. Returns the ids written. */
  private async save(prepared: PreparedPost[], errors: RowError[]): Promise<string[]> {
    if (!prepared.length) return [];
    try {
      await inTransaction(this.services.dataSource, (em) => this.insert(em, prepared));
      return prepared.map((p) => p.post.id);
    } catch (error) {
      if (prepared.length > 1) {
        const ids: string[] = [];
        for (const one of prepared) ids.push(...(await this.save([one], errors)));
        return ids;
      }
      this.logger.error(`import row ${prepared[0].row} not written: ${(error as Error).stack ?? error}`);
      errors.push({ row: prepared[0].row, field: 'row', message: 'could not be saved; import this row again' });
      return [];
    }
  }

  private async insert(em: EntityManager, prepared: PreparedPost[]): Promise<void> {
    const { workspaceId, actor } = this.target;
    await insertPostRows(em, prepared, this.labelIds);
    // The audit entries too, as one insert: ActivityService.record writes one entry a call, and a
    // statement per post was a third of the import's time.
    await insertRows(
      em,
      ActivityEntry,
      prepared.map(({ post }) =>
        jsonRow({
          id: newId(),
          workspaceId,
          actorUserId: actor.userId,
          actorApiKeyId: actor.apiKey?.id ?? null,
          action: post.state === 'scheduled' ? 'post.scheduled' : 'post.created',
          targetType: 'post',
          targetId: post.id,
          details: { title: post.text.slice(0, 60) },
        }),
      ),
    );
  }
}

function reportAll(errors: FieldError[], problem: (field: string, message: string) => void): void {
  for (const e of errors) problem(columnOf(e.field), e.message);
}

/** A post API field ("variants[0].text", "schedule.at") as the sheet column a person can fix. */
function columnOf(field: string): string {
  if (field.startsWith('schedule') || field.endsWith('.schedule')) return 'scheduled_at';
  const leaf = field.split('.').pop() ?? field;
  const columns: Record<string, string> = {
    text: 'text',
    link: 'link',
    postType: 'post_type',
    accountId: 'accounts',
    labels: 'labels',
    variants: 'accounts',
    mediaIds: 'media_urls',
  };
  return columns[leaf] ?? leaf;
}
