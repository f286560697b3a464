import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { RepeatRule } from '../core/api.types';

export interface HomeEntry {
  postId: string;
  accountId: string;
  network: string;
  at: string;
  title: string;
  repeat: boolean;
  repeatRule: RepeatRule | null;
}

export interface HomeFailedPost {
  id: string;
  text: string;
  variants: Array<{ network: string; lastError: string | null }>;
}

export interface HomeApproval {
  id: string;
  postId: string;
  text: string;
  accounts: Array<{ name: string }>;
  requestedAt: string;
}

export interface HomeAccount {
  id: string;
  name: string;
  network: string;
  status: string;
  tokenExpiresAt: string | null;
}

export interface HomeAutomation {
  id: string;
  name: string;
  lastRun: { id: string; status: string; startedAt: string } | null;
}

export type ChecklistStep = 'connect_account' | 'compose_post' | 'set_queue_times' | 'start_automation';

export interface Home {
  timeZone: string;
  upcoming: { today: HomeEntry[]; todayTotal: number; thisWeek: HomeEntry[]; thisWeekTotal: number };
  failed: { items: HomeFailedPost[]; total: number };
  approvals: { items: HomeApproval[]; total: number } | null;
  accounts: { items: HomeAccount[]; total: number } | null;
  automations: { items: HomeAutomation[]; total: number; failing: number } | null;
  checklist: { items: Array<{ step: ChecklistStep; done: boolean }>; complete: boolean };
}

/** GET /api/v1/home as a promise. */
@Injectable({ providedIn: 'root' })
export class HomeApi {
  private readonly http = inject(HttpClient);
  get = () => firstValueFrom(this.http.get<Home>('/api/v1/home'));
}
