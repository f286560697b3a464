import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import type { PublishAttempt, PublishJobStatus } from './publish-job.entity';
import { PUBLISH_JOB_STATUSES, PublishJob } from './publish-job.entity';
import { PostsService } from '../posts/posts.service';
import { CommonError } from '../common/common.errors';
import { Page, PageQuery } from '../common/pagination';

class PublishAttemptDto implements PublishAttempt {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({ enum: ['published', 'retry', 'failed', 'reauth', 'reconciled', 'needs_review', 'skipped'] })
  outcome: PublishAttempt['outcome'];
  @ApiProperty({ type: String, nullable: true }) message: string | null;
}

export class PublishJobDto {
  @ApiProperty() id: string;
  @ApiProperty() variantId: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ format: 'date-time' }) occurrenceAt: string;
  @ApiProperty({ enum: PUBLISH_JOB_STATUSES }) status: PublishJobStatus;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) errorCode: string | null;
  @ApiProperty({ type: String, nullable: true }) errorMessage: string | null;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: [PublishAttemptDto] }) history: PublishAttempt[];
}

export class PublishJobPageDto {
  @ApiProperty({ type: [PublishJobDto] }) items: PublishJobDto[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last' })
  nextCursor: string | null;
}

/**
 * A post's publish jobs with every attempt, for the post detail page: newest occurrence first, a
 * page at a time (a recurring post has one per occurrence; a fixed 200 left older ones out unsaid).
 */
@ApiTags('posts')
@Controller('api/v1/posts/:id/attempts')
export class PublishJobsController {
  constructor(
    @InjectRepository(PublishJob) private readonly jobs: Repository<PublishJob>,
    private readonly posts: PostsService,
  ) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: PublishJobPageDto })
  async list(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<PublishJobDto>> {
    await this.posts.get(workspace.workspaceId, id);
    const limit = query.limit ?? 50;
    const qb = this.jobs
      .createQueryBuilder('j')
      .where('j.postId = :postId AND j.workspaceId = :workspaceId', { postId: id, workspaceId: workspace.workspaceId });
    if (query.cursor) {
      // Keyset on (occurrence, id): the order people read, served by ix_publish_jobs_post.
      const last = await this.jobs.findOneBy({ id: query.cursor, postId: id });
      if (!last) {
        throw new CommonError('VALIDATION', 'cursor is not an attempt of this post', [
          { field: 'cursor', message: 'is not an attempt of this post' },
        ]);
      }
      qb.andWhere('(j.occurrenceAt < :at OR (j.occurrenceAt = :at AND j.id < :cursor))', {
        at: last.occurrenceAt,
        cursor: last.id,
      });
    }
    const rows = await qb
      .orderBy('j.occurrenceAt', 'DESC')
      .addOrderBy('j.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const jobs = rows.slice(0, limit);
    return {
      nextCursor: rows.length > limit ? jobs[jobs.length - 1].id : null,
      items: jobs.map((j) => ({
        id: j.id,
        variantId: j.variantId,
        accountId: j.accountId,
        occurrenceAt: j.occurrenceAt.toISOString(),
        status: j.status,
        attempts: j.attempts,
        nextAttemptAt: j.status === 'queued' ? j.dueAt.toISOString() : null,
        errorCode: j.errorCode,
        errorMessage: j.errorMessage,
        externalId: j.externalId,
        publishedAt: j.publishedAt?.toISOString() ?? null,
        history: j.history,
      })),
    };
  }
}
