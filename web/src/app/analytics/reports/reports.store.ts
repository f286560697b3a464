import { inject, Injectable, OnDestroy, signal } from '@angular/core';
import type { Member } from '../../core/api.types';
import { problemText } from '../../core/form-errors';
import { WorkspaceService } from '../../core/workspace.service';
import { TeamApi } from '../../members/team.api';
import { AnalyticsApi, type AnalyticsQuery } from '../analytics.api';
import { saveFile } from '../csv-download.component';
import { watchJob } from '../job-watch';
import { type GeneratedReport, type ReportSchedule, ReportsApi, type ScheduleInput } from './reports.api';

/** The PDF being made for the chosen period, followed through its background job. */
export interface Generation {
  state: 'running' | 'done' | 'failed';
  from: string;
  to: string;
  /** 0–100. */
  progress: number;
  reportId: string | null;
  error: string | null;
}

/**
 * State of the Reports page: the PDF being generated, the reports made so far, the schedules and
 * the members a schedule can send to. Provided by the page.
 */
@Injectable()
export class ReportsStore implements OnDestroy {
  private readonly api = inject(ReportsApi);
  private readonly analytics = inject(AnalyticsApi);
  private readonly team = inject(TeamApi);
  private readonly workspaces = inject(WorkspaceService);
  private readonly _reports = signal<GeneratedReport[] | null>(null);
  private readonly _schedules = signal<ReportSchedule[] | null>(null);
  private readonly _members = signal<Member[]>([]);
  private readonly _generation = signal<Generation | null>(null);
  private readonly _error = signal<string | null>(null);
  private destroyed = false;

  /** null while loading. */
  readonly reports = this._reports.asReadonly();
  readonly schedules = this._schedules.asReadonly();
  /** Members a schedule can send to (empty when the viewer may not list members). */
  readonly members = this._members.asReadonly();
  readonly generation = this._generation.asReadonly();
  readonly error = this._error.asReadonly();

  ngOnDestroy(): void {
    this.destroyed = true;
  }

  async load(): Promise<void> {
    try {
      const members = this.workspaces.can('members:read') ? this.team.members() : Promise.resolve([]);
      const [reports, schedules, team] = await Promise.all([this.api.list(), this.api.schedules(), members]);
      this._reports.set(reports);
      this._schedules.set(schedules);
      this._members.set(team);
      this._error.set(null);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  /** Makes a PDF of the period and scope, following its job to the end; the list then holds it. */
  async generate(query: AnalyticsQuery): Promise<void> {
    const started: Generation = {
      state: 'running',
      from: query.from,
      to: query.to,
      progress: 0,
      reportId: null,
      error: null,
    };
    this._generation.set(started);
    try {
      const { job_id } = await this.api.create(query);
      const job = await watchJob(
        (id) => this.analytics.job(id),
        job_id,
        (reading) => this._generation.set({ ...started, progress: reading.progress ?? 0 }),
        () => this.destroyed,
      );
      if (!job) return;
      const reportId = typeof job.result?.['reportId'] === 'string' ? job.result['reportId'] : null;
      this._generation.set(
        job.status === 'completed' && reportId
          ? { ...started, state: 'done', progress: 100, reportId }
          : { ...started, state: 'failed', error: job.error ?? 'The report could not be made.' },
      );
      this._reports.set(await this.api.list());
    } catch (error) {
      this._generation.set({ ...started, state: 'failed', error: problemText(error) });
    }
  }

  async download(report: Pick<GeneratedReport, 'id' | 'from' | 'to'>): Promise<void> {
    this._error.set(null);
    try {
      saveFile(await this.api.pdf(report.id), `report-${report.from}-to-${report.to}.pdf`);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  /** Creates (no id) or changes a schedule; rejects with the API's error so the form can show it by field. */
  async saveSchedule(id: string | null, input: ScheduleInput): Promise<ReportSchedule> {
    const saved = id ? await this.api.updateSchedule(id, input) : await this.api.createSchedule(input);
    this._schedules.set(await this.api.schedules());
    return saved;
  }

  async cancelSchedule(schedule: ReportSchedule): Promise<void> {
    this._error.set(null);
    try {
      await this.api.cancelSchedule(schedule.id);
      this._schedules.set(await this.api.schedules());
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  memberName(userId: string): string {
    return this._members().find((m) => m.userId === userId)?.name ?? 'A former member';
  }
}
