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

/** The row that holds the day's total over every account. */
const TOTAL = '*';

/**
 * Units spent per account and quota day, in the database so every worker counts against the same
 * total. The quota is the app's, so the day's total sits in one row of its own and a spend is one
 * conditional UPDATE of that row: concurrent spends queue on its lock and each re-checks the
 * condition, so the total never passes the quota. Each account's own row only records.
 */
export class QuotaLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly quota: DailyQuota,
  ) {}

  /** Spends `units` for the account; false (nothing spent) when the day's quota would be passed. */
  async spend(accountExternalId: string, units: number, now = new Date()): Promise<boolean> {
    const day = this.quota.dayOf(now);
    const amount = Math.trunc(units);
    await this.ensureRow(TOTAL, day);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(NetworkQuotaUsage)
      .set({ units: () => `units + ${amount}` })
      .where({ network: this.quota.network, accountExternalId: TOTAL, day })
      .andWhere('units + :amount <= :max', { amount, max: this.quota.unitsPerDay })
      .execute();
    if (!result.affected) return false;
    await this.add(accountExternalId, day, amount);
    return true;
  }

  /** The network said the quota is spent: count the day as full whatever our own count says. */
  async exhaust(accountExternalId: string, now = new Date()): Promise<void> {
    const day = this.quota.dayOf(now);
    await this.ensureRow(TOTAL, day);
    await this.dataSource
      .getRepository(NetworkQuotaUsage)
      .update({ network: this.quota.network, accountExternalId: TOTAL, day }, { units: this.quota.unitsPerDay });
    await this.ensureRow(accountExternalId, day);
  }

  /** Units spent today over every account. */
  async used(now = new Date()): Promise<number> {
    const row = await this.dataSource
      .getRepository(NetworkQuotaUsage)
      .findOneBy({ network: this.quota.network, accountExternalId: TOTAL, day: this.quota.dayOf(now) });
    return row?.units ?? 0;
  }

  private async add(accountExternalId: string, day: string, amount: number): Promise<void> {
    await this.ensureRow(accountExternalId, day);
    await this.dataSource
      .createQueryBuilder()
      .update(NetworkQuotaUsage)
      .set({ units: () => `units + ${amount}` })
      .where({ network: this.quota.network, accountExternalId, day })
      .execute();
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
