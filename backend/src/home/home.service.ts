import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { has, type WorkspaceAccess } from '../access/access-context';
import type { AccountDto } from '../accounts/accounts.dto';
import { AccountsService } from '../accounts/accounts.service';
import { ApprovalsService } from '../approvals/approvals.service';
import { AutomationsService } from '../automations/automations.service';
import { EXPIRY_WARNING_MS } from '../notifications/notification-digest';
import { CalendarService, type CalendarEntry } from '../posts/calendar.service';
import { PostsService } from '../posts/posts.service';
import { QueueSlotsService } from '../scheduling/queue-slots.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type {
  HomeAccountsDto,
  HomeApprovalsDto,
  HomeAutomationsDto,
  HomeChecklistDto,
  HomeDto,
  HomeFailedDto,
  HomeUpcomingDto,
} from './home.dto';

/** Each list on the home page shows this many at most; its total says how many there are. */
export const HOME_LIST_SIZE = 10;
/** What is still to go out: a post being sent counts as going out now. */
const UPCOMING = ['scheduled', 'publishing'] as const;
const UNHEALTHY_RUNS = new Set(['failed', 'stopped', 'interrupted']);

/**
 * What needs the member today, gathered through the other contexts' services (never their tables),
 * so the home page shows the same facts as the page each section links to.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly posts: PostsService,
    private readonly calendar: CalendarService,
    private readonly approvals: ApprovalsService,
    private readonly accounts: AccountsService,
    private readonly queueSlots: QueueSlotsService,
    private readonly automations: AutomationsService,
  ) {}

  async home(access: WorkspaceAccess, userId: string, now = new Date()): Promise<HomeDto> {
    const { workspaceId } = access;
    const timeZone = await this.workspaces.timeZoneOf(workspaceId);
    const accounts = await this.accounts.list(workspaceId);
    const automations = has(access, 'automations:read') ? (await this.automations.list(workspaceId)).items : null;
    const [upcoming, failed, approvals, checklist] = await Promise.all([
      this.upcoming(workspaceId, timeZone, now),
      this.failed(workspaceId),
      has(access, 'approvals:write') ? this.waiting(workspaceId, userId) : Promise.resolve(null),
      this.checklist(workspaceId, accounts.length),
    ]);
    return {
      timeZone,
      upcoming,
      failed,
      approvals,
      accounts: has(access, 'accounts:read') ? needingAttention(accounts, now) : null,
      automations: automations ? recentRuns(automations) : null,
      checklist,
    };
  }

  /**
   * Scheduled variants from now to the end of today and of this week (Monday to Sunday) in the
   * workspace's zone, read by day: each day's count and first few, not every post of a busy week.
   */
  private async upcoming(workspaceId: string, timeZone: string, now: Date): Promise<HomeUpcomingDto> {
    const local = DateTime.fromJSDate(now).setZone(timeZone);
    const range = { from: now, to: local.endOf('week').toJSDate() };
    const days = (
      await Promise.all(UPCOMING.map((state) => this.calendar.days(workspaceId, { ...range, state }, HOME_LIST_SIZE)))
    ).flatMap((r) => r.days);
    const of = (today: boolean) => {
      const shown = days.filter((d) => (d.date === local.toISODate()) === today);
      return {
        entries: shown
          .flatMap((d) => d.entries)
          .sort((a, b) => a.at.localeCompare(b.at))
          .slice(0, HOME_LIST_SIZE)
          .map(entry),
        total: shown.reduce((n, d) => n + d.total, 0),
      };
    };
    const [today, later] = [of(true), of(false)];
    return { today: today.entries, todayTotal: today.total, thisWeek: later.entries, thisWeekTotal: later.total };
  }

  private async failed(workspaceId: string): Promise<HomeFailedDto> {
    const [page, total] = await Promise.all([
      this.posts.list(workspaceId, { state: 'failed', limit: HOME_LIST_SIZE }),
      this.posts.countInState(workspaceId, 'failed'),
    ]);
    return { items: page.items, total };
  }

  private waiting(workspaceId: string, userId: string): Promise<HomeApprovalsDto> {
    return this.approvals.waitingFor(workspaceId, userId, HOME_LIST_SIZE);
  }

  /** Steps that tick themselves from what the workspace holds. */
  private async checklist(workspaceId: string, accounts: number): Promise<HomeChecklistDto> {
    const [posts, queueTimes, fromTemplate] = await Promise.all([
      this.posts.list(workspaceId, { limit: 1 }),
      this.queueSlots.anySet(workspaceId),
      this.automations.startedFromTemplate(workspaceId),
    ]);
    const items = [
      { step: 'connect_account' as const, done: accounts > 0 },
      { step: 'compose_post' as const, done: posts.items.length > 0 },
      { step: 'set_queue_times' as const, done: queueTimes },
      { step: 'start_automation' as const, done: fromTemplate },
    ];
    return { items, complete: items.every((i) => i.done) };
  }
}

function entry(e: CalendarEntry) {
  const { postId, variantId, accountId, network, at, state, title, repeat, repeatRule } = e;
  return { postId, variantId, accountId, network, at, state, title, repeat, repeatRule };
}

/** Accounts to reconnect, or whose access ends within 7 days (the same rule as the Accounts badge). */
function needingAttention(accounts: AccountDto[], now: Date): HomeAccountsDto {
  const soon = now.getTime() + EXPIRY_WARNING_MS;
  const items = accounts.filter(
    (a) => a.status !== 'active' || (a.tokenExpiresAt !== null && new Date(a.tokenExpiresAt).getTime() <= soon),
  );
  return { items: items.slice(0, HOME_LIST_SIZE), total: items.length };
}

type Summary = Awaited<ReturnType<AutomationsService['list']>>['items'][number];

/** Automations that have run, those whose last run failed or was stopped first, then newest run first. */
function recentRuns(automations: Summary[]): HomeAutomationsDto {
  const ran = automations.filter((a) => a.lastRun !== null);
  const unhealthy = (a: Summary) => (UNHEALTHY_RUNS.has(a.lastRun!.status) ? 0 : 1);
  const sorted = [...ran].sort(
    (a, b) => unhealthy(a) - unhealthy(b) || b.lastRun!.startedAt.localeCompare(a.lastRun!.startedAt),
  );
  return {
    items: sorted.slice(0, HOME_LIST_SIZE),
    total: ran.length,
    failing: ran.filter((a) => unhealthy(a) === 0).length,
  };
}
