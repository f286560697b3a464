import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { AnalyticsQuery } from '../analytics.api';

/** A generated PDF report. */
export interface GeneratedReport {
  id: string;
  /** Inclusive days it covers, YYYY-MM-DD in the workspace's zone. */
  from: string;
  to: string;
  createdAt: string;
  byteSize: number;
  /** Set when a schedule made it. */
  scheduleId: string | null;
  /** Accounts and networks it is limited to; null = all. */
  accounts: string[] | null;
  networks: string[] | null;
}

export type ReportFrequency = 'weekly' | 'monthly';

/**
 * What a schedule is made of; weekday for weekly (1 = Monday … 7 = Sunday), monthDay for monthly
 * (1–28), the other left out (the API refuses a null).
 */
export interface ScheduleInput {
  name: string;
  frequency: ReportFrequency;
  weekday?: number;
  monthDay?: number;
  /** 0–23 in the workspace's zone. */
  hour: number;
  memberIds: string[];
  emails: string[];
}

export interface ReportSchedule extends Omit<ScheduleInput, 'weekday' | 'monthDay'> {
  id: string;
  weekday: number | null;
  monthDay: number | null;
  createdBy: string;
  createdAt: string;
  /** null once cancelled. */
  nextRunAt: string | null;
  lastRunAt: string | null;
  cancelledAt: string | null;
}

const BASE = '/api/v1/analytics/reports';

/** /api/v1/analytics/reports: generate a PDF (a background job), list and download them, and schedules. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  /** Starts a report of the period and scope; the job's result holds `reportId`. */
  create(query: AnalyticsQuery): Promise<{ job_id: string }> {
    const body = {
      from: query.from,
      to: query.to,
      ...(query.accounts.length ? { accounts: query.accounts } : {}),
      ...(query.networks.length ? { networks: query.networks } : {}),
    };
    return firstValueFrom(this.http.post<{ job_id: string }>(BASE, body));
  }

  list(): Promise<GeneratedReport[]> {
    return firstValueFrom(this.http.get<{ items: GeneratedReport[] }>(BASE)).then((page) => page.items);
  }

  pdf(id: string): Promise<Blob> {
    return firstValueFrom(this.http.get(`${BASE}/${encodeURIComponent(id)}/pdf`, { responseType: 'blob' }));
  }

  schedules(): Promise<ReportSchedule[]> {
    return firstValueFrom(this.http.get<{ items: ReportSchedule[] }>(`${BASE}/schedules`)).then((page) => page.items);
  }

  createSchedule(input: ScheduleInput): Promise<ReportSchedule> {
    return firstValueFrom(this.http.post<ReportSchedule>(`${BASE}/schedules`, input));
  }

  updateSchedule(id: string, input: ScheduleInput): Promise<ReportSchedule> {
    return firstValueFrom(this.http.patch<ReportSchedule>(`${BASE}/schedules/${encodeURIComponent(id)}`, input));
  }

  /** Never sent again; it stays listed with cancelledAt. */
  cancelSchedule(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`${BASE}/schedules/${encodeURIComponent(id)}`));
  }
}
