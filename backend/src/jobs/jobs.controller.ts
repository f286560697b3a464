import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { notFound } from '../common/common.errors';
import { AgendaJob } from './agenda-job.entity';

export class AsyncJobDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status:
    'queued' | 'running' | 'completed' | 'failed';
  @ApiProperty({ description: '0–100' }) progress: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What the job produced, e.g. created posts and per-row errors',
  })
  result: unknown;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

interface WorkspaceJobData {
  workspaceId?: string;
  result?: unknown;
}

function statusOf(job: AgendaJob): AsyncJobDto['status'] {
  if (job.failedAt && (!job.lastFinishedAt || job.failedAt >= job.lastFinishedAt)) return 'failed';
  if (job.lastFinishedAt) return 'completed';
  return job.lockedAt ? 'running' : 'queued';
}

/** The public view of an async job (bulk import and the like) started through the API. */
@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(@InjectRepository(AgendaJob) private readonly jobs: Repository<AgendaJob>) {}

  @Get(':id')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: AsyncJobDto })
  async get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<AsyncJobDto> {
    const job = await this.jobs.findOneBy({ id });
    const data = (job?.data ?? {}) as WorkspaceJobData;
    if (!job || data.workspaceId !== workspace.workspaceId) throw notFound('Job');
    const status = statusOf(job);
    return {
      id: job.id,
      type: job.name,
      status,
      progress: status === 'completed' ? 100 : Math.round(job.progress ?? 0),
      result: data.result ?? null,
      error: status === 'failed' ? job.failReason : null,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.lastFinishedAt?.toISOString() ?? null,
    };
  }
}
