import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import type { Job } from 'agenda';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '../access/access-context';
import { SocialAccount } from '../accounts/social-account.entity';
import { DomainError } from '../common/domain-error';
import { newId } from '../common/ids';
import type { Upload } from '../common/uploads';
import { BackgroundJobs } from '../jobs/background-jobs';
import { MEDIA_STORE } from '../media/media-store.provider';
import type { BlobStore } from '../media/storage/blob-store';
import { Workspace } from '../workspaces/workspace.entity';
import { MediaDownloadError } from '../media/media-by-url';
import { MediaLibrary } from '../media/media-library.service';
import { MediaUploads } from '../media/media-uploads.service';
import { Post } from './post.entity';
import {
  detectSheetFormat,
  ImportedPost,
  parsePostSheet,
  SheetFormat,
  SheetFormatError,
  writePostSheet,
} from './import-export/post-sheet';
import { PostsError } from './posts.errors';
import { PostsService } from './posts.service';

export const IMPORT_JOB = 'posts.import';
const MAX_ROWS = 5000;
const PROGRESS_EVERY = 25;

export interface RowError {
  row: number;
  field: string;
  message: string;
}

interface ImportJobData {
  workspaceId: string;
  userId: string;
  storageKey: string;
  format: SheetFormat;
  fileName: string;
  result?: { created: number; postIds: string[]; errors: RowError[] };
}

/**
 * Bulk import and export in one sheet format. Import: the file is stored, a background job creates
 * the posts row by row and reports progress and per-row errors. Export writes what import reads.
 */
@Injectable()
export class PostSheets implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    private readonly jobs: BackgroundJobs,
    private readonly posts: PostsService,
    private readonly media: MediaUploads,
    private readonly library: MediaLibrary,
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
    const content = await buffer(await this.store.get(data.storageKey));
    const parsed = await parsePostSheet(content, data.format, { timeZone: workspace.timeZone, maxRows: MAX_ROWS });
    const errors: RowError[] = [...parsed.errors];
    const postIds: string[] = [];
    const resolve = await this.accountResolver(data.workspaceId);
    const actor: Principal = { kind: 'user', userId: data.userId, apiKey: null };
    for (const [i, { row, post }] of parsed.rows.entries()) {
      const created = await this.createRow(data.workspaceId, actor, row, post, resolve, errors);
      if (created) postIds.push(created);
      if ((i + 1) % PROGRESS_EVERY === 0) {
        job.attrs.data.result = { created: postIds.length, postIds, errors };
        job.attrs.progress = Math.round(((i + 1) / parsed.rows.length) * 100);
        await job.save();
      }
    }
    job.attrs.data.result = { created: postIds.length, postIds, errors: errors.sort((a, b) => a.row - b.row) };
    // Agenda saves only the run state after a handler; the result is data, saved here.
    await job.save();
    await this.store.delete(data.storageKey);
  }

  private async createRow(
    workspaceId: string,
    actor: Principal,
    row: number,
    post: ImportedPost,
    resolve: (ref: string) => string | undefined,
    errors: RowError[],
  ): Promise<string | null> {
    const missing = post.accounts.filter((ref) => !resolve(ref));
    if (missing.length) {
      errors.push({
        row,
        field: 'accounts',
        message: `no connected account named or with the id ${missing.join(', ')}`,
      });
      return null;
    }
    try {
      const mediaIds = await this.mediaFor(workspaceId, actor, post.mediaUrls);
      const created = await this.posts.create(
        workspaceId,
        actor,
        {
          text: post.text,
          labels: post.labels,
          variants: post.accounts.map((ref) => ({
            accountId: resolve(ref)!,
            postType: post.postType,
            mediaIds,
            ...(post.link ? { link: post.link } : {}),
          })),
          ...(post.scheduledAt ? { schedule: { type: 'single' as const, at: post.scheduledAt.toISOString() } } : {}),
        },
        'import',
      );
      return created.id;
    } catch (error) {
      if (error instanceof MediaDownloadError) {
        errors.push({ row, field: 'media_urls', message: error.message });
        return null;
      }
      if (!(error instanceof DomainError)) throw error;
      const fields = error.errors?.length
        ? error.errors
        : [{ field: 'row', message: error.detail ?? error.spec.title }];
      for (const e of fields) errors.push({ row, field: columnOf(e.field), message: e.message });
      return null;
    }
  }

  private async mediaFor(workspaceId: string, actor: Principal, urls: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const url of urls) ids.push(await this.media.fromUrl(workspaceId, actor.userId, url));
    return ids;
  }

  /** The posts in the sheet format, one row per post: its accounts by name, its next (or only) time. */
  async export(workspaceId: string, format: SheetFormat): Promise<Buffer> {
    const em = this.dataSource.manager;
    const workspace = await em.findOneByOrFail(Workspace, { id: workspaceId });
    const accounts = new Map((await em.findBy(SocialAccount, { workspaceId })).map((a) => [a.id, a.name]));
    const posts = await em.find(Post, { where: { workspaceId }, order: { id: 'ASC' }, take: MAX_ROWS });
    const rows: ImportedPost[] = [];
    for (const parts of await this.posts.parts(posts)) {
      const first = parts.variants[0];
      if (!first) continue;
      const media = await this.library.forPublishing(workspaceId, first.mediaIds);
      rows.push({
        text: first.text ?? parts.post.text,
        accounts: parts.variants.map((v) => accounts.get(v.accountId) ?? v.accountId),
        scheduledAt: parts.variants.find((v) => v.state === 'scheduled')?.scheduledAt ?? null,
        postType: first.postType,
        link: first.link,
        labels: parts.labels,
        mediaUrls: media.map((m) => m.url),
      });
    }
    return writePostSheet(rows, format, { timeZone: workspace.timeZone });
  }

  /** Accounts are named in sheets by name (case-insensitive) or id. */
  private async accountResolver(workspaceId: string): Promise<(ref: string) => string | undefined> {
    const accounts = await this.dataSource.manager.findBy(SocialAccount, { workspaceId, deletedAt: IsNull() });
    const byRef = new Map<string, string>();
    for (const a of accounts) {
      byRef.set(a.id, a.id);
      byRef.set(a.name.toLowerCase(), a.id);
    }
    return (ref) => byRef.get(ref.toLowerCase()) ?? byRef.get(ref);
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

/** A post API field ("variants[0].text", "schedule.at") as the sheet column a person can fix. */
function columnOf(field: string): string {
  if (field.startsWith('schedule')) return 'scheduled_at';
  const leaf = field.split('.').pop() ?? field;
  return { text: 'text', link: 'link', postType: 'post_type', accountId: 'accounts', labels: 'labels' }[leaf] ?? leaf;
}
