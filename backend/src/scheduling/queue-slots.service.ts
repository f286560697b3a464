import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { newId } from '../common/ids';
import { WeeklySlot } from './occurrences';
import { QueueSlot } from './queue-slot.entity';
import { inTransaction } from '../database/transactions';

const byTime = (a: WeeklySlot, b: WeeklySlot) => a.weekday - b.weekday || a.localTime.localeCompare(b.localTime);

@Injectable()
export class QueueSlotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
  ) {}

  async list(workspaceId: string, accountId: string): Promise<WeeklySlot[]> {
    await this.accounts.get(workspaceId, accountId);
    const rows = await this.dataSource.manager.findBy(QueueSlot, { accountId });
    return rows.map(({ weekday, localTime }) => ({ weekday, localTime })).sort(byTime);
  }

  /** True once any of the workspace's accounts has a queue time (the home page's checklist). */
  async anySet(workspaceId: string): Promise<boolean> {
    const accounts = await this.accounts.live(workspaceId);
    if (!accounts.length) return false;
    return this.dataSource.manager.existsBy(QueueSlot, { accountId: In(accounts.map((a) => a.id)) });
  }

  async replace(workspaceId: string, accountId: string, slots: WeeklySlot[]): Promise<WeeklySlot[]> {
    await this.accounts.get(workspaceId, accountId);
    const unique = [...new Map(slots.map((s) => [`${s.weekday} ${s.localTime}`, s])).values()].sort(byTime);
    await inTransaction(this.dataSource, async (em) => {
      await em.delete(QueueSlot, { accountId });
      if (unique.length) {
        await em.insert(
          QueueSlot,
          unique.map((s, position) => ({ id: newId(), workspaceId, accountId, ...s, position })),
        );
      }
    });
    return unique.map(({ weekday, localTime }) => ({ weekday, localTime }));
  }
}
