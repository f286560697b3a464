import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import type { PublishAttempt, PublishJobStatus } from './publish-job.entity';
import { PublishJob } from './publish-job.entity';
import { PostsService } from '../posts/posts.service';

export class PublishJobDto {
  @ApiProperty() id: string;
  @ApiProperty() variantId: string;
  @ApiProperty() accountId: string;
  @ApiProperty() occurrenceAt: string;
  @ApiProperty() status: PublishJobStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true }) errorCode: string | null;
  @ApiProperty({ nullable: true }) errorMessage: string | null;
  @ApiProperty({ nullable: true }) externalId: string | null;
  @ApiProperty({ nullable: true }) publishedAt: string | null;
  @ApiProperty() history: PublishAttempt[];
}

/** A post's publish jobs with every attempt, for the post detail page. */
@ApiTags('posts')
@Controller('api/v1/posts/:id/attempts')
export class PublishJobsController {
  constructor(
    @InjectRepository(PublishJob) private readonly jobs: Repository<PublishJob>,
    private readonly posts: PostsService,
  ) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: [PublishJobDto] })
  async list(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
  ): Promise<{ items: PublishJobDto[] }> {
    await this.posts.get(workspace.workspaceId, id);
    const jobs = await this.jobs.find({
      where: { postId: id, workspaceId: workspace.workspaceId },
      order: { occurrenceAt: 'DESC' },
      take: 200,
    });
    return {
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
