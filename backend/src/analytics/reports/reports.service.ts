import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job } from 'agenda';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { AccountsService } from '../../accounts/accounts.service';
import { CommonError, notFound } from '../../common/common.errors';
import { newId } from '../../common/ids';
import { findPage, mapPage, PageQuery } from '../../common/pagination';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { MEDIA_STORE } from '../../media/media-store.provider';
import { BlobNotFoundError, BlobStore } from '../../media/storage/blob-store';
import { AnalyticsReport } from './analytics-report.entity';
import { ReportDataService, ReportRequest } from './report-data.service';
import { renderReportPdf } from './report-pdf';
import { CreateReportDto, ReportDto } from './reports.dto';
import { ReportsError } from './reports.errors';

export const REPORT_JOB = 'analytics.report';

interface ReportJobData extends ReportRequest {
  workspaceId: string;
  userId: string;
  result?: { reportId: string };
}

/** A report's PDF, ready to stream. */
export interface ReportFile {
  fileName: string;
  byteSize: number;
  body: Readable;
}

/** A PDF report and its bytes, as a schedule mails it. */
export interface GeneratedReport {
  report: AnalyticsReport;
  pdf: Buffer;
}

/**
 * PDF reports: asked for through the API (rendered by a background job) or by a schedule. The
 * PDF is stored in the media blob store (Azure in production, DATA_DIR otherwise), where files
 * already live, so the database keeps only the row.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    @InjectRepository(AnalyticsReport) private readonly reports: Repository<AnalyticsReport>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    private readonly data: ReportDataService,
    private readonly accounts: AccountsService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define<ReportJobData>(REPORT_JOB, (job) => this.run(job), { concurrency: 2 });
  }

  /** Checks the request now (400 naming the field) and queues the rendering; returns the job id. */
  async request(workspaceId: string, userId: string, dto: CreateReportDto): Promise<string> {
    await this.checkAccounts(workspaceId, dto.accounts ?? []);
    const range = await this.data.resolve(workspaceId, dto);
    return this.jobs.enqueue<ReportJobData>(REPORT_JOB, {
      workspaceId,
      userId,
      from: range.from,
      to: range.to,
      accounts: dto.accounts?.length ? dto.accounts : undefined,
      networks: dto.networks?.length ? dto.networks : undefined,
    });
  }

  /** Renders and stores one report. */
  async generate(
    workspaceId: string,
    request: ReportRequest,
    by: { createdBy: string | null; scheduleId?: string },
  ): Promise<GeneratedReport> {
    const pdf = await renderReportPdf(await this.data.gather(workspaceId, request, new Date()));
    const id = newId();
    const storageKey = `reports/${workspaceId}/${id}.pdf`;
    await this.store.put(storageKey, Readable.from([pdf]), 'application/pdf', pdf.length);
    const report = this.reports.create({
      id,
      workspaceId,
      fromDay: request.from,
      toDay: request.to,
      accountIds: request.accounts ?? null,
      networks: request.networks ?? null,
      createdBy: by.createdBy,
      scheduleId: by.scheduleId ?? null,
      byteSize: pdf.length,
      storageKey,
    });
    await this.reports.insert(report);
    return { report: await this.reports.findOneByOrFail({ id }), pdf };
  }

  async list(workspaceId: string, query: PageQuery) {
    return mapPage(await findPage(this.reports, { workspaceId }, query), ReportDto.of);
  }

  async file(workspaceId: string, id: string): Promise<ReportFile> {
    const report = await this.reports.findOneBy({ id, workspaceId });
    if (!report) throw notFound('Report');
    try {
      return { fileName: fileNameOf(report), byteSize: report.byteSize, body: await this.store.get(report.storageKey) };
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw new ReportsError('REPORT_FILE_MISSING');
      throw error;
    }
  }

  private async run(job: Job<ReportJobData>): Promise<void> {
    const { workspaceId, userId, ...request } = job.attrs.data;
    const { report } = await this.generate(workspaceId, request, { createdBy: userId });
    job.attrs.data.result = { reportId: report.id };
    await job.save();
  }

  /** Account ids of another workspace (or deleted) are refused like unknown ones. */
  private async checkAccounts(workspaceId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const live = new Set((await this.accounts.live(workspaceId)).map((a) => a.id));
    const unknown = ids.filter((id) => !live.has(id));
    if (unknown.length) {
      const message = `are not accounts of this workspace: ${unknown.join(', ')}`;
      throw new CommonError('VALIDATION', `accounts: ${message}`, [{ field: 'accounts', message }]);
    }
  }
}

/** "analytics-report-2026-11-01-to-2026-11-30.pdf". */
export const fileNameOf = (report: Pick<AnalyticsReport, 'fromDay' | 'toDay'>) =>
  `analytics-report-${report.fromDay}-to-${report.toDay}.pdf`;
