import { DataSource, QueryFailedError } from 'typeorm';
import type { NetworkId } from '../network-limits';
import { NetworkQuotaUsage } from './quota-usage.entity';

/** A network's daily API quota: how many units the app has a day and which day it is now. */
export interface DailyQuota {
  network: NetworkId;
  unitsPerDay: number;
  /** The quota day `at` falls in (YYYY-MM-DD in the network's time zone). */
  dayOf(at: Date): string;
}

/**
 * Units spent per account and quota day, in the database so every worker counts against the same
 * total. The quota is the app's, so a spend is refused when the day's total over all accounts
 * would pass it; the conditional UPDATE makes check and spend one step.
 */
export class QuotaLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly quota: DailyQuota,
  ) {}

  /** Spends `units` for the account; false (nothing spent) when the day's quota would be passed. */
  async spend(accountExternalId: string, units: number, now = new Date()): Promise<boolean> {
    const day = this.quota.dayOf(now);
    await this.ensureRow(accountExternalId, day);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(NetworkQuotaUsage)
      .set({ units: () => `units + ${Math.trunc(units)}` })
      .where({ network: this.quota.network, accountExternalId, day })
      .andWhere(
        '(SELECT SUM(q.units) FROM network_quota_usage q WHERE q.network = :network AND q.day = :day) + :units <= :max',
        { network: this.quota.network, day, units: Math.trunc(units), max: this.quota.unitsPerDay },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The network said the quota is spent: count the day as full whatever our own count says. */
  async exhaust(accountExternalId: string, now = new Date()): Promise<void> {
    const day = this.quota.dayOf(now);
    await this.ensureRow(accountExternalId, day);
    const used = await this.used(now);
    const missing = this.quota.unitsPerDay - used;
    if (missing <= 0) return;
    await this.dataSource
      .createQueryBuilder()
      .update(NetworkQuotaUsage)
      .set({ units: () => `units + ${missing}` })
      .where({ network: this.quota.network, accountExternalId, day })
      .execute();
  }

  /** Units spent today over every account. */
  async used(now = new Date()): Promise<number> {
    const row = await this.dataSource
      .getRepository(NetworkQuotaUsage)
      .createQueryBuilder('q')
      .select('SUM(q.units)', 'total')
      .where({ network: this.quota.network, day: this.quota.dayOf(now) })
      .getRawOne<{ total: string | number | null }>();
    return Number(row?.total ?? 0);
  }

  private async ensureRow(accountExternalId: string, day: string): Promise<void> {
    const repo = this.dataSource.getRepository(NetworkQuotaUsage);
    if (await repo.existsBy({ network: this.quota.network, accountExternalId, day })) return;
    try {
      await repo.insert({ network: this.quota.network, accountExternalId, day, units: 0 });
    } catch (error) {
      // Another worker made the row between the check and the insert.
      if (!(error instanceof QueryFailedError)) throw error;
    }
  }
}
