import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostType } from '../connectors/network-limits';
import { ATTEMPTED, CalendarReads, Placed, Range } from './calendar-reads';

/** One local day of a range, its parameters named apart from the other days'. */
export interface DayRange extends Range {
  date: string;
  key: string;
}

/** How many entries a day, account and post type holds (a day's quota is counted from these). */
export interface AccountDayCount {
  date: string;
  accountId: string;
  postType: PostType;
  count: number;
}

export interface DayTally {
  /** By date, then state. */
  counts: Map<string, Record<string, number>>;
  /** Each day's first entries by planned time, of its scheduled variants and its finished attempts. */
  first: Placed[];
  perAccount: AccountDayCount[];
}

/** A job being sent and its `publishing` variant are one entry, found and merged with the few others read whole. */
const COUNTED_ATTEMPTS = ATTEMPTED.filter((s) => s !== 'sending');

/**
 * The calendar's days counted by the database: one statement per question, each day a branch of a
 * UNION ALL that reads only that day's index range (`ix_post_variants_calendar`,
 * `ix_publish_jobs_calendar`), so a month's 8,000 entries become 30 counts without a row leaving
 * the database, and each day's first entries are read in index order and stop at `perDay`.
 * Materialising the month's rows to count them cost ten times the counts (measured, bench:api).
 */
export class CalendarDayReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly em: EntityManager,
    private readonly reads: CalendarReads,
  ) {}

  async tally(days: DayRange[], perDay: number, perAccount: boolean): Promise<DayTally> {
    const due = (day: DayRange, entries: boolean) => this.reads.dueIn(day, ['scheduled'], entries);
    const attempts = (day: DayRange, entries: boolean) => this.reads.attemptsIn(day, COUNTED_ATTEMPTS, entries);
    // In index order (time, then the id that breaks ties), so each day's read stops at `perDay`.
    const first = (qb: SelectQueryBuilder<ObjectLiteral> | null, time: string, id: string) =>
      qb && this.reads.withEntry(qb).orderBy(time).addOrderBy(id).limit(perDay);
    const [dueCounts, attemptCounts, dueAccounts, attemptAccounts, firstDue, firstAttempts] = await Promise.all([
      // Counted per account anyway for the quotas, the due variants' day totals are those counts' sums.
      perAccount ? [] : this.union<CountRow>(days, (d) => count(due(d, false), d, 'v.state')),
      this.union<CountRow>(days, (d) => count(attempts(d, false), d, 'j.status')),
      perAccount ? this.union<AccountDayCount>(days, (d) => byAccount(due(d, false), d)) : [],
      perAccount ? this.union<AccountDayCount>(days, (d) => byAccount(attempts(d, false), d)) : [],
      perDay ? this.union(days, (d) => first(due(d, true), 'v.scheduledAt', 'v.id')) : [],
      perDay ? this.union(days, (d) => first(attempts(d, true), 'j.occurrenceAt', 'j.variantId')) : [],
    ]);
    const counts = new Map<string, Record<string, number>>();
    const add = (date: string, state: string, n: number | string) => {
      const day = counts.get(date) ?? {};
      day[state] = (day[state] ?? 0) + Number(n);
      counts.set(date, day);
    };
    for (const r of [...dueCounts, ...attemptCounts]) add(r.date, r.state, r.count);
    for (const r of dueAccounts) add(r.date, 'scheduled', r.count);
    return {
      counts,
      first: [...this.reads.duePlaced(firstDue as never[]), ...this.reads.attemptsPlaced(firstAttempts as never[])],
      perAccount: [...dueAccounts, ...attemptAccounts].map((r) => ({ ...r, count: Number(r.count) })),
    };
  }

  /**
   * One select per day run as one statement, each a derived table (a branch may sort and limit its
   * own rows). The select is built once, for a template day whose names are then replaced by each
   * day's: building it per day cost more than the database's answer (TypeORM's query building).
   */
  private async union<T>(days: DayRange[], branch: (day: DayRange) => Select | null | undefined): Promise<T[]> {
    const template = days.length ? branch({ ...days[0], key: KEY, date: DATE }) : null;
    if (!template) return [];
    const sql = template.getQuery();
    const { [`from${KEY}`]: _from, [`to${KEY}`]: _to, ...shared } = template.getParameters();
    // A list parameter is bound once per branch: as many days per statement as SQL Server's 2,100 allow.
    const bound = Object.values(shared).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 4);
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / bound));
    const rows: T[][] = [];
    for (let start = 0; start < days.length; start += perStatement)
      rows.push(await this.statement<T>(sql, shared, days.slice(start, start + perStatement)));
    return rows.flat();
  }

  private statement<T>(sql: string, shared: ObjectLiteral, days: DayRange[]): Promise<T[]> {
    const { driver } = this.dataSource;
    const parameters = { ...shared };
    const branches = days.map((day, i) => {
      parameters[`from${day.key}`] = day.from;
      parameters[`to${day.key}`] = day.to;
      return `SELECT * FROM (${sql.replaceAll(KEY, day.key).replaceAll(DATE, day.date)}) ${driver.escape(`d${i}`)}`;
    });
    const [query, values] = driver.escapeQueryWithParameters(branches.join(' UNION ALL '), parameters);
    return this.em.query(query, values);
  }
}

type Select = SelectQueryBuilder<ObjectLiteral>;
/** The template day's parameter key and date, replaced by each day's in the statement. */
const KEY = '__day__';
const DATE = '0000-00-00';
/** Bound parameters per statement, under SQL Server's 2,100. */
const MAX_PARAMETERS = 2_000;

/** A day's rows counted by state (alias `v` or `j`). */
const count = (qb: SelectQueryBuilder<ObjectLiteral> | null, day: DayRange, state: string) =>
  qb?.select(`'${day.date}'`, 'date').addSelect(state, 'state').addSelect('COUNT(*)', 'count').groupBy(state);

/** A day's rows counted by account and post type (variant alias `v`). */
const byAccount = (qb: SelectQueryBuilder<ObjectLiteral> | null, day: DayRange) =>
  qb
    ?.select(`'${day.date}'`, 'date')
    .addSelect('v.accountId', 'accountId')
    .addSelect('v.postType', 'postType')
    .addSelect('COUNT(*)', 'count')
    .groupBy('v.accountId')
    .addGroupBy('v.postType');

interface CountRow {
  date: string;
  state: string;
  count: number | string;
}
