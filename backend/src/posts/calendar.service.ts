import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Between, DataSource, In } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { PublishJob } from '../publishing/publish-job.entity';
import { nextOccurrence } from '../publishing/next-occurrence';
import { QUOTA_WARNING_SHARE, quotaFor } from '../scheduling/quotas';
import { Schedule } from '../scheduling/schedule.entity';
import { Workspace } from '../workspaces/workspace.entity';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';

export interface CalendarEntry {
  postId: string;
  variantId: string;
  accountId: string;
  network: NetworkId;
  at: string;
  state: string;
  postType: PostType;
  title: string;
  /** A later occurrence of a recurring or evergreen post (not yet a job). */
  repeat: boolean;
}

export interface QuotaWarning {
  date: string;
  accountId: string;
  quota: string;
  count: number;
  max: number;
}

export interface CalendarFilters {
  from: Date;
  to: Date;
  account?: string;
  state?: string;
  type?: string;
}

const MAX_ENTRIES = 3000;
const MAX_REPEATS_PER_VARIANT = 400;

/** What goes out when, in a date range: upcoming variants, their repeats, and past attempts. */
@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async range(workspaceId: string, filters: CalendarFilters) {
    const em = this.dataSource.manager;
    const workspace = await em.findOneByOrFail(Workspace, { id: workspaceId });
    const accountFilter = filters.account ? { accountId: filters.account } : {};
    const upcoming = await em.find(PostVariant, {
      where: { workspaceId, state: In(['scheduled', 'publishing']), ...accountFilter },
      take: 5000,
    });
    const past = await em.find(PublishJob, {
      where: {
        workspaceId,
        status: In(['published', 'failed', 'needs_review', 'sending']),
        occurrenceAt: Between(filters.from, filters.to),
        ...accountFilter,
      },
      take: MAX_ENTRIES,
    });
    const variantIds = [...new Set([...upcoming.map((v) => v.id), ...past.map((j) => j.variantId)])];
    const variants = new Map(
      (variantIds.length ? await em.findBy(PostVariant, { id: In(variantIds) }) : []).map((v) => [v.id, v]),
    );
    const postIds = [...new Set([...variants.values()].map((v) => v.postId))];
    const posts = new Map((postIds.length ? await em.findBy(Post, { id: In(postIds) }) : []).map((p) => [p.id, p]));
    const schedules = new Map(
      (postIds.length ? await em.findBy(Schedule, { postId: In(postIds) }) : []).map((s) => [s.postId, s]),
    );
    const accounts = new Map((await em.findBy(SocialAccount, { workspaceId })).map((a) => [a.id, a]));

    const entries: CalendarEntry[] = [];
    const entry = (v: PostVariant, at: Date, state: string, repeat: boolean) => {
      const post = posts.get(v.postId);
      const account = accounts.get(v.accountId);
      if (!post || !account) return;
      entries.push({
        postId: v.postId,
        variantId: v.id,
        accountId: v.accountId,
        network: account.network,
        at: at.toISOString(),
        state,
        postType: v.postType,
        title: post.title ?? (v.text ?? post.text).slice(0, 80),
        repeat,
      });
    };
    for (const job of past) {
      const v = variants.get(job.variantId);
      if (v) entry(v, job.publishedAt ?? job.occurrenceAt, job.status === 'sending' ? 'publishing' : job.status, false);
    }
    for (const v of upcoming) {
      if (!v.scheduledAt) continue;
      if (v.scheduledAt >= filters.from && v.scheduledAt < filters.to) entry(v, v.scheduledAt, v.state, false);
      let at: Date | null = v.scheduledAt;
      const schedule = schedules.get(v.postId);
      for (let n = 0; at && at < filters.to && n < MAX_REPEATS_PER_VARIANT; n++) {
        at = nextOccurrence(schedule && { ...schedule, occurrences: schedule.occurrences + n }, at);
        if (at && at >= filters.from && at < filters.to) entry(v, at, 'scheduled', true);
      }
    }
    const filtered = entries
      .filter((e) => (!filters.state || e.state === filters.state) && (!filters.type || e.postType === filters.type))
      .sort((a, b) => a.at.localeCompare(b.at))
      .slice(0, MAX_ENTRIES);
    return {
      timeZone: workspace.timeZone,
      entries: filtered,
      quotaWarnings: this.quotaWarnings(entries, accounts, workspace.timeZone),
    };
  }

  /** Days where an account's posts come near (≥ 80 %) or over its network's daily quota. */
  private quotaWarnings(entries: CalendarEntry[], accounts: Map<string, SocialAccount>, zone: string): QuotaWarning[] {
    const counts = new Map<string, { date: string; accountId: string; count: number; postType: PostType }>();
    for (const e of entries) {
      const date = DateTime.fromISO(e.at, { zone }).toISODate()!;
      const key = `${e.accountId} ${date}`;
      const current = counts.get(key) ?? { date, accountId: e.accountId, count: 0, postType: e.postType };
      current.count++;
      counts.set(key, current);
    }
    return [...counts.values()].flatMap(({ date, accountId, count, postType }) => {
      const account = accounts.get(accountId);
      const quota = account && quotaFor(account.network, postType);
      if (!quota || quota.windowHours !== 24 || count < quota.max * QUOTA_WARNING_SHARE) return [];
      return [{ date, accountId, quota: quota.label, count, max: quota.max }];
    });
  }
}
