import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { BestTimes } from '../analytics/analytics-reads/best-times';
import type { FieldError } from '../common/domain-error';
import type { MediaFacts, PostType } from '../connectors/network-limits';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { optionShapeErrors } from '../connectors/variant-options';
import { accountLimits } from '../connectors/account-limits';
import { RuleViolation, validateVariant } from '../connectors/variant-validation';
import { MediaItem } from '../media/media-item.entity';
import { assertRecurs, InvalidRecurrenceError, nextFreeSlot } from '../scheduling/occurrences';
import { QueueSlot } from '../scheduling/queue-slot.entity';
import { fitsQuota, quotaFor } from '../scheduling/quotas';
import { EvergreenRule, ScheduleType } from '../scheduling/schedule.entity';
import { isTimeZone } from '../workspaces/time-zone';
import { PostsError } from './posts.errors';
import { ScheduleInputDto, VariantInputDto } from './posts.dto';
import { PostVariant } from './post-variant.entity';

/** How far in the past a single time may be and still mean "now" (a form submitted slowly). */
const PAST_GRACE_MS = 5 * 60_000;

export interface PlannedVariant {
  input: VariantInputDto;
  account: SocialAccount;
  text: string;
  postType: PostType;
  media: MediaFacts[];
  problems: RuleViolation[];
}

export interface PlannedSchedule {
  type: ScheduleType;
  timeZone: string;
  startAt: Date | null;
  rrule: string | null;
  evergreen: EvergreenRule | null;
  /** First time per account id. */
  firstRun: Map<string, Date>;
}

const mediaFacts = (item: MediaItem): MediaFacts => ({
  kind: item.kind,
  mimeType: item.mimeType,
  bytes: item.bytes,
  width: item.width ?? undefined,
  height: item.height ?? undefined,
  durationSeconds: item.durationMs === null ? undefined : item.durationMs / 1000,
  pages: item.pages ?? undefined,
});

/** The post type a variant most likely means when it does not say. */
function inferPostType(input: VariantInputDto, media: MediaFacts[]): PostType {
  if (media.some((m) => m.kind === 'video')) return 'video';
  if (media.some((m) => m.kind === 'gif')) return 'gif';
  if (media.some((m) => m.kind === 'document')) return 'document';
  if (media.length > 0) return 'photo';
  return input.link ? 'link' : 'status';
}

/** Checks what a post targets and works out when each variant goes out. */
@Injectable()
export class PostPlanner {
  constructor(
    @InjectRepository(SocialAccount) private readonly accounts: Repository<SocialAccount>,
    @InjectRepository(MediaItem) private readonly media: Repository<MediaItem>,
    @InjectRepository(QueueSlot) private readonly slots: Repository<QueueSlot>,
    @InjectRepository(PostVariant) private readonly variants: Repository<PostVariant>,
    private readonly bestTimes: BestTimes,
  ) {}

  /** `live`: the workspace's live accounts when the caller has just read them (saves reading them again). */
  async variantsFor(
    workspaceId: string,
    postText: string,
    inputs: VariantInputDto[],
    live?: SocialAccount[],
  ): Promise<PlannedVariant[]> {
    const ids = inputs.map((v) => v.accountId);
    const accounts = live
      ? live.filter((a) => ids.includes(a.id))
      : await this.accounts.findBy({ workspaceId, id: In(ids), deletedAt: IsNull() });
    const mediaIds = [...new Set(inputs.flatMap((v) => v.mediaIds ?? []))];
    const items = mediaIds.length ? await this.media.findBy({ workspaceId, id: In(mediaIds) }) : [];
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const planned = inputs.map((input, i) => {
      const account = accounts.find((a) => a.id === input.accountId);
      if (!account) errors.push({ field: `variants[${i}].accountId`, message: 'is not an account of this workspace' });
      if (seen.has(input.accountId)) errors.push({ field: `variants[${i}].accountId`, message: 'is targeted twice' });
      seen.add(input.accountId);
      const media = (input.mediaIds ?? []).flatMap((id) => {
        const item = items.find((m) => m.id === id);
        if (!item) errors.push({ field: `variants[${i}].mediaIds`, message: `${id} is not in the media library` });
        return item ? [mediaFacts(item)] : [];
      });
      for (const e of optionShapeErrors(input.options)) errors.push({ ...e, field: `variants[${i}].${e.field}` });
      const text = input.text ?? postText;
      const postType = input.postType ?? inferPostType(input, media);
      const problems = account
        ? validateVariant(accountLimits(account.network, account.settings as Record<string, unknown>), {
            text,
            postType,
            media,
            link: input.link ?? null,
            options: input.options,
          })
        : [];
      return { input, account: account as SocialAccount, text, postType, media, problems };
    });
    if (errors.length) throw invalid('INVALID_POST', errors);
    return planned;
  }

  /** Refuses a schedule for variants that break their network's rules, naming variant, field and limit. */
  assertPublishable(planned: PlannedVariant[]): void {
    const errors = planned.flatMap((v, i) =>
      v.problems.map((p) => ({
        field: `variants[${i}].${p.field}`,
        message: `${v.account.name} (${NETWORK_LIMITS[v.account.network].label}): ${p.message}`,
      })),
    );
    if (errors.length) throw invalid('INVALID_POST', errors);
    const unusable = planned.findIndex((v) => v.account.status !== 'active');
    if (unusable >= 0) {
      const account = planned[unusable].account;
      throw invalid('INVALID_POST', [
        {
          field: `variants[${unusable}].accountId`,
          message: `${account.name} is ${account.status === 'disabled' ? 'disabled' : 'waiting to be reconnected'}`,
        },
      ]);
    }
  }

  async schedule(
    input: ScheduleInputDto,
    workspaceTimeZone: string,
    planned: PlannedVariant[],
    postId: string | null,
    now = new Date(),
  ): Promise<PlannedSchedule> {
    const timeZone = input.timeZone ?? workspaceTimeZone;
    if (!isTimeZone(timeZone))
      throw invalid('INVALID_SCHEDULE', [{ field: 'schedule.timeZone', message: 'is not an IANA time zone' }]);
    const at = input.at ? new Date(input.at) : null;
    const type = input.type === 'now' ? 'single' : input.type;
    const base = { type, timeZone, startAt: at, rrule: null, evergreen: null };
    switch (input.type) {
      case 'now':
        return { ...base, startAt: now, firstRun: new Map(planned.map((v) => [v.account.id, now])) };
      case 'single': {
        const when = this.futureTime(at!, now, 'schedule.at');
        return { ...base, firstRun: new Map(planned.map((v) => [v.account.id, when])) };
      }
      case 'queue':
        return { ...base, startAt: null, firstRun: await this.queueTimes(planned, timeZone, now, postId) };
      case 'best-time': {
        const { firstRun, fellBack } = await this.bestTimesOf(planned, workspaceTimeZone, timeZone, now, postId);
        // Every account went to its queue (too little history): the schedule says so by its type.
        return { ...base, type: fellBack ? 'queue' : 'best-time', startAt: null, firstRun };
      }
      case 'recurring': {
        const start = at ?? now;
        const first = this.recurrence(input.rrule!, start, timeZone, now);
        return {
          ...base,
          startAt: start,
          rrule: input.rrule!,
          firstRun: new Map(planned.map((v) => [v.account.id, first])),
        };
      }
      case 'evergreen': {
        const when = this.futureTime(at ?? now, now, 'schedule.at');
        const evergreen: EvergreenRule = {
          intervalDays: input.intervalDays!,
          maxRepeats: input.maxRepeats ?? null,
          endAt: input.endAt ?? null,
          skipIfPublishedWithinDays: input.skipIfPublishedWithinDays ?? null,
        };
        return { ...base, startAt: when, evergreen, firstRun: new Map(planned.map((v) => [v.account.id, when])) };
      }
    }
  }

  /** Refuses times that would break a network quota, naming the quota. */
  async assertWithinQuotas(
    planned: PlannedVariant[],
    firstRun: Map<string, Date>,
    postId: string | null,
  ): Promise<void> {
    const errors: FieldError[] = [];
    for (const [i, variant] of planned.entries()) {
      const quota = quotaFor(variant.account.network, variant.postType);
      const at = firstRun.get(variant.account.id);
      if (!quota || !at) continue;
      const others = await this.countedTimes(variant.account.id, at, quota.windowHours, postId);
      if (!fitsQuota(quota, at, others)) {
        errors.push({
          field: `variants[${i}].schedule`,
          message: `${variant.account.name}: would exceed ${quota.label}`,
        });
      }
    }
    if (errors.length) throw invalid('QUOTA_EXCEEDED', errors);
  }

  private async countedTimes(accountId: string, at: Date, windowHours: number, postId: string | null): Promise<Date[]> {
    const span = windowHours * 3600_000;
    const rows = await this.variants
      .createQueryBuilder('v')
      .select(['v.id', 'v.state', 'v.scheduledAt', 'v.publishedAt', 'v.postId'])
      .where('v.accountId = :accountId', { accountId })
      .andWhere('v.state IN (:...states)', { states: ['scheduled', 'publishing', 'published'] })
      .andWhere(
        '((v.scheduledAt > :from AND v.scheduledAt < :to) OR (v.publishedAt > :from AND v.publishedAt < :to))',
        { from: new Date(at.getTime() - span), to: new Date(at.getTime() + span) },
      )
      .getMany();
    return rows
      .filter((r) => r.postId !== postId)
      .map((r) => (r.state === 'published' ? r.publishedAt : r.scheduledAt) ?? r.scheduledAt)
      .filter((d): d is Date => d !== null);
  }

  /**
   * Each account's next best time after now (best times are hours of the week in the workspace
   * zone); an account whose history is too thin to name best times takes its next queue slot.
   */
  private async bestTimesOf(
    planned: PlannedVariant[],
    workspaceTimeZone: string,
    timeZone: string,
    now: Date,
    postId: string | null,
  ): Promise<{ firstRun: Map<string, Date>; fellBack: boolean }> {
    const firstRun = new Map<string, Date>();
    const thin: PlannedVariant[] = [];
    for (const variant of planned) {
      const { workspaceId, id } = variant.account;
      const taken = await this.takenTimes(id, postId);
      const best = await this.bestTimes.nextFor(workspaceId, id, workspaceTimeZone, now, taken);
      if (best) firstRun.set(id, best);
      else thin.push(variant);
    }
    if (thin.length) for (const [id, at] of await this.queueTimes(thin, timeZone, now, postId)) firstRun.set(id, at);
    return { firstRun, fellBack: thin.length === planned.length };
  }

  /** Times the account already has a post going out at (a queue or best time is not given twice). */
  private async takenTimes(accountId: string, postId: string | null): Promise<Set<number>> {
    const taken = await this.variants.find({
      select: { scheduledAt: true, postId: true },
      where: { accountId, state: In(['scheduled', 'publishing']) },
    });
    return new Set(taken.filter((t) => t.postId !== postId && t.scheduledAt).map((t) => t.scheduledAt!.getTime()));
  }

  private async queueTimes(
    planned: PlannedVariant[],
    timeZone: string,
    now: Date,
    postId: string | null,
  ): Promise<Map<string, Date>> {
    const times = new Map<string, Date>();
    const errors: FieldError[] = [];
    for (const [i, variant] of planned.entries()) {
      const slots = await this.slots.findBy({ accountId: variant.account.id });
      const next = nextFreeSlot(slots, timeZone, now, await this.takenTimes(variant.account.id, postId));
      if (next) times.set(variant.account.id, next);
      else
        errors.push({
          field: `variants[${i}].accountId`,
          message: `${variant.account.name} has no free queue slot; add posting times to its queue`,
        });
    }
    if (errors.length) throw invalid('INVALID_SCHEDULE', errors);
    return times;
  }

  private futureTime(at: Date, now: Date, field: string): Date {
    if (at.getTime() < now.getTime() - PAST_GRACE_MS) {
      throw invalid('INVALID_SCHEDULE', [{ field, message: 'is in the past: choose a later time, or publish now' }]);
    }
    return at.getTime() < now.getTime() ? now : at;
  }

  private recurrence(rule: string, start: Date, timeZone: string, now: Date): Date {
    try {
      return assertRecurs(rule, start, timeZone, now);
    } catch (error) {
      if (!(error instanceof InvalidRecurrenceError)) throw error;
      throw invalid('INVALID_SCHEDULE', [{ field: 'schedule.rrule', message: error.message }]);
    }
  }
}

const invalid = (code: 'INVALID_POST' | 'INVALID_SCHEDULE' | 'QUOTA_EXCEEDED', errors: FieldError[]) =>
  new PostsError(code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
