import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Job } from 'agenda';
import { DataSource, MoreThan } from 'typeorm';
import type { Principal } from '../access/access-context';
import { SocialAccount } from '../accounts/social-account.entity';
import { newId } from '../common/ids';
import type { Upload } from '../common/uploads';
import { BackgroundJobs } from '../jobs/background-jobs';
import { MEDIA_STORE } from '../media/media-store.provider';
import type { BlobStore } from '../media/storage/blob-store';
import { Workspace } from '../workspaces/workspace.entity';
import { MediaLibrary } from '../media/media-library.service';
import { MediaUploads } from '../media/media-uploads.service';
import { Post } from './post.entity';
import {
  countPostRows,
  detectSheetFormat,
  ImportedPost,
  readPostSheet,
  SheetFormat,
  SheetFormatError,
  tooManyRows,
  writePostSheet,
} from './import-export/post-sheet';
import { PostPlanner } from './post-planner';
import { PostImportWriter, RowError, SheetPost } from './post-sheets.writer';
import { PostsError } from './posts.errors';
import { PostsService } from './posts.service';

export const IMPORT_JOB = 'posts.import';
/** Rows one import takes at most (and one export writes): a year of a large agency's posts. */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows written per transaction: enough for multi-row inserts to pay, few enough to keep commits short. */
const BATCH_ROWS = 500;
/** Posts read per query while exporting. */
const EXPORT_PAGE = 500;
/** How often, at most, progress is saved on the job. */
const PROGRESS_EVERY_MS = 1_000;
/** Errors kept on the job: enough to fix a file by, without a result of megabytes. */
const MAX_REPORTED_ERRORS = 1_000;

export type { RowError };

interface ImportResult {
  created: number;
  /** The new posts' ids, in row order; only once the import is done (100,000 ids are 4 MB, not for every poll). */
  postIds?: string[];
  /** The first MAX_REPORTED_ERRORS, in row order. */
  errors: RowError[];
  /** Every error, also those past the list. */
  errorCount: number;
}

interface ImportJobData {
  workspaceId: string;
  userId: string;
  storageKey: string;
  format: SheetFormat;
  fileName: string;
  result?: ImportResult;
}

/**
 * Bulk import and export in one sheet format. Import: the file is stored, and a background job
 * counts its rows (a file over MAX_IMPORT_ROWS is refused before anything is created), then streams
 * it through PostImportWriter a batch at a time, saving progress and per-row errors on the job.
 * Export writes what import reads.
 */
@Injectable()
export class PostSheets implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    private readonly jobs: BackgroundJobs,
    private readonly posts: PostsService,
    private readonly planner: PostPlanner,
    private readonly media: MediaUploads,
    private readonly library: MediaLibrary,
    private readonly events: EventEmitter2,
  ) {}

  onModuleInit(): void {
    this.jobs.define<ImportJobData>(IMPORT_JOB, (job) => this.run(job), { concurrency: 2, lockLifetime: 30 * 60_000 });
  }

  /** Stores the uploaded file and queues its import; returns the job id. */
  async start(workspaceId: string, actor: Principal, file: Upload) {
    try {
      const format = detectSheetFormat(file.originalname, await this.head(file.path));
      const storageKey = `imports/${workspaceId}/${newId()}`;
      await this.store.put(storageKey, createReadStream(file.path), 'application/octet-stream', file.size);
      return await this.jobs.enqueue<ImportJobData>(IMPORT_JOB, {
        workspaceId,
        userId: actor.userId,
        storageKey,
        format,
        fileName: file.originalname,
      });
    } catch (error) {
      if (error instanceof SheetFormatError) {
        throw new PostsError('INVALID_IMPORT', error.message, [{ field: 'file', message: error.message }]);
      }
      throw error;
    } finally {
      await rm(file.path, { force: true });
    }
  }

  private async run(job: Job<ImportJobData>): Promise<void> {
    const data = job.attrs.data;
    const workspace = await this.dataSource.manager.findOneByOrFail(Workspace, { id: data.workspaceId });
    const options = { timeZone: workspace.timeZone };
    const total = await countPostRows(await this.store.get(data.storageKey), data.format, options);
    if (total > MAX_IMPORT_ROWS) throw tooManyRows(total, MAX_IMPORT_ROWS);
    const writer = await PostImportWriter.open(
      { dataSource: this.dataSource, planner: this.planner, media: this.media, events: this.events },
      {
        workspaceId: data.workspaceId,
        timeZone: workspace.timeZone,
        actor: { kind: 'user', userId: data.userId, apiKey: null },
      },
    );
    const progress = new ImportProgress(job, total);
    let batch: SheetPost[] = [];
    // Rows refused on reading wait for the batch around them, so errors reach the job in row order.
    let refused: RowError[] = [];
    let rows = 0;
    const flush = async () => {
      const written = await writer.write(batch);
      progress.add({ postIds: written.postIds, errors: [...refused, ...written.errors] }, rows);
      [batch, refused, rows] = [[], [], 0];
      await progress.saveNowAndThen();
    };
    for await (const entry of readPostSheet(await this.store.get(data.storageKey), data.format, options)) {
      if (entry.row > 1) rows++; // row 1: the header's own problems
      if ('post' in entry) batch.push(entry);
      else refused.push(...entry.errors);
      if (batch.length === BATCH_ROWS) await flush();
    }
    await flush();
    // Agenda saves only the run state after a handler; the result is data, saved here.
    await progress.save();
    await this.store.delete(data.storageKey);
  }

  /** The posts in the sheet format, one row per post: its accounts by name, its next (or only) time. */
  async export(workspaceId: string, format: SheetFormat): Promise<Readable> {
    const workspace = await this.dataSource.manager.findOneByOrFail(Workspace, { id: workspaceId });
    return writePostSheet(this.exportRows(workspaceId), format, { timeZone: workspace.timeZone });
  }

  /** A page at a time by id (each page's parts and media read together), up to what an import takes back. */
  private async *exportRows(workspaceId: string): AsyncGenerator<ImportedPost> {
    const em = this.dataSource.manager;
    const accounts = new Map((await em.findBy(SocialAccount, { workspaceId })).map((a) => [a.id, a.name]));
    for (let after = '', written = 0; written < MAX_IMPORT_ROWS;) {
      const take = Math.min(EXPORT_PAGE, MAX_IMPORT_ROWS - written);
      const page = await em.find(Post, { where: { workspaceId, id: MoreThan(after) }, order: { id: 'ASC' }, take });
      const parts = await this.posts.parts(page);
      const mediaIds = [...new Set(parts.flatMap((p) => p.variants[0]?.mediaIds ?? []))];
      const urls = await this.library.exportUrls(workspaceId, mediaIds);
      for (const { post, variants, labels } of parts) {
        const first = variants[0];
        if (!first) continue;
        written++;
        yield {
          text: first.text ?? post.text,
          accounts: variants.map((v) => accounts.get(v.accountId) ?? v.accountId),
          scheduledAt: variants.find((v) => v.state === 'scheduled')?.scheduledAt ?? null,
          postType: first.postType,
          link: first.link,
          labels,
          mediaUrls: first.mediaIds.flatMap((id) => urls.get(id) ?? []),
        };
      }
      if (page.length < take) break;
      after = page[page.length - 1].id;
    }
  }

  private async head(path: string): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      const { buffer: bytes, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
      return bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}

/** An import's counts and errors, saved on its job now and then while it runs. */
class ImportProgress {
  private readonly result: Required<ImportResult> = { created: 0, postIds: [], errors: [], errorCount: 0 };
  private done = 0;
  private savedAt = Date.now();

  constructor(
    private readonly job: Job<ImportJobData>,
    private readonly total: number,
  ) {}

  add(written: { postIds: string[]; errors: RowError[] }, rows: number): void {
    this.done += rows;
    this.result.created += written.postIds.length;
    this.result.postIds.push(...written.postIds);
    this.result.errorCount += written.errors.length;
    // Each call holds the rows after the previous call's: sorted within it, the list is in row order
    // and the errors kept are those of the first rows.
    const room = MAX_REPORTED_ERRORS - this.result.errors.length;
    if (room > 0) this.result.errors.push(...[...written.errors].sort((a, b) => a.row - b.row).slice(0, room));
  }

  async saveNowAndThen(): Promise<void> {
    if (Date.now() - this.savedAt >= PROGRESS_EVERY_MS) await this.save(false);
  }

  async save(done = true): Promise<void> {
    this.savedAt = Date.now();
    const { postIds, ...counts } = this.result;
    this.job.attrs.data.result = done ? { ...counts, postIds } : counts;
    await this.job.save(); // the data; a saved job's progress is run state, written (and the lock renewed) by touch
    if (!done) await this.job.touch(this.total ? Math.min(99, Math.floor((this.done / this.total) * 100)) : 0);
  }
}
