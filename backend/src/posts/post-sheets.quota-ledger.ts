import { DataSource, In } from 'typeorm';
import type { FieldError } from '../common/domain-error';
import { fitsQuota, QUOTAS, quotaFor } from '../scheduling/quotas';
import type { PlannedVariant } from './post-planner';
import { PostVariant } from './post-variant.entity';

/** The longest quota window: times further back than this count against nothing new. */
const LONGEST_WINDOW_MS = Math.max(...QUOTAS.map((q) => q.windowHours)) * 3600_000;

/**
 * Network quotas for a bulk import. The planner asks the database once per scheduled variant
 * (`assertWithinQuotas`), which is what made a 100,000-row import crawl; here each account's counted
 * times (scheduled, publishing or published from a window ago on) are read once, kept sorted, and the
 * rows the import accepts are added as it goes, so rows of one file count against each other too.
 * Same rule as the planner: `fitsQuota` over the times around the new one.
 */
export class QuotaLedger {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly now = new Date(),
  ) {}

  /** The quota a post would break, per variant, in the planner's wording; empty when it fits. */
  async check(planned: PlannedVariant[], firstRun: Map<string, Date>): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, variant] of planned.entries()) {
      const at = firstRun.get(variant.account.id)?.getTime();
      if (at === undefined || !QUOTAS.some((q) => q.network === variant.account.network)) continue;
      // Read even when this post type is not counted: `add` must see every post of a counted account.
      const times = await this.timesOf(variant.account.id);
      const quota = quotaFor(variant.account.network, variant.postType);
      if (!quota) continue;
      const span = quota.windowHours * 3600_000;
      const around = times.slice(firstAfter(times, at - span), firstAfter(times, at + span - 1));
      if (
        !fitsQuota(
          quota,
          new Date(at),
          around.map((t) => new Date(t)),
        )
      ) {
        errors.push({
          field: `variants[${i}].schedule`,
          message: `${variant.account.name}: would exceed ${quota.label}`,
        });
      }
    }
    return errors;
  }

  /** Counts a post the import is writing. */
  add(planned: PlannedVariant[], firstRun: Map<string, Date>): void {
    for (const variant of planned) {
      const at = firstRun.get(variant.account.id)?.getTime();
      const times = this.times.get(variant.account.id);
      if (at !== undefined && times) times.splice(firstAfter(times, at), 0, at);
    }
  }

  private async timesOf(accountId: string): Promise<number[]> {
    let times = this.times.get(accountId);
    if (!times) {
      const from = new Date(this.now.getTime() - LONGEST_WINDOW_MS);
      const rows = await this.dataSource
        .getRepository(PostVariant)
        .createQueryBuilder('v')
        .select(['v.id', 'v.state', 'v.scheduledAt', 'v.publishedAt'])
        .where('v.accountId = :accountId', { accountId })
        .andWhere({ state: In(['scheduled', 'publishing', 'published']) })
        .andWhere('(v.scheduledAt > :from OR v.publishedAt > :from)', { from })
        .getMany();
      times = rows
        .map((r) => ((r.state === 'published' ? r.publishedAt : r.scheduledAt) ?? r.scheduledAt)?.getTime())
        .filter((t): t is number => t !== undefined)
        .sort((a, b) => a - b);
      this.times.set(accountId, times);
    }
    return times;
  }
}

/** Index of the first time after `t` in sorted `times`. */
function firstAfter(times: number[], t: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid] <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}
