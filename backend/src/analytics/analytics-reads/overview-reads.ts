import type { DataSource } from 'typeorm';
import { changePercent, count, num, percent, select, type Row } from './sql';
import { daysOf, instantsOf, type DayRange } from './date-range';
import { accountFilters, GAIN_METRICS, postFilters, type LabelledPostsSql, type ReadScope } from './read-scope';

/** One day's sums over the accounts in scope. */
interface DaySums {
  day: string;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  engagement: number | null;
  /** reach where given, else impressions: what engagement rate divides by. */
  basis: number | null;
  /** Engagement of the rows that have a basis. */
  rated: number | null;
  postsPublished: number;
  followers: number | null;
}

const SUMMED = ['impressions', 'reach', 'clicks', 'engagement'] as const;

/** Each day's sums, and per network how many values of each metric it had (for "not provided"). */
interface AccountDayRead {
  days: DaySums[];
  provided: Array<{ day: string; network: string; counts: Record<string, number> }>;
}

/**
 * Daily sums: one index range on (workspaceId, day) covering the range and the period before it,
 * grouped by day and network in the database (networks are few), so the same read also tells which
 * metrics a network never provided. Without an accounts filter from the workspace day rollup (a
 * row per day and network), else from the accounts' own days.
 */
async function accountDaySums(db: DataSource, scope: ReadScope, span: DayRange): Promise<AccountDayRead> {
  const where = accountFilters('d', scope);
  const table = scope.accounts?.length ? 'analytics_account_days' : 'analytics_workspace_days';
  const rows = await select(
    db,
    `SELECT d.day AS "day", d.network AS "network", ${SUMMED.map((m) => `SUM(d."${m}") AS "${m}"`).join(', ')},
       SUM(COALESCE(d.reach, d.impressions)) AS "basis",
       SUM(CASE WHEN COALESCE(d.reach, d.impressions) IS NOT NULL THEN d.engagement END) AS "rated",
       SUM(d."postsPublished") AS "postsPublished", SUM(d.followers) AS "followers",
       ${GAIN_METRICS.map((m) => `COUNT(d."${m}") AS "n_${m}"`).join(', ')}
     FROM ${table} d
     WHERE ${where.sql} AND d.day >= :from AND d.day <= :to
     GROUP BY d.day, d.network`,
    { ...where.params, from: span.from, to: span.to },
  );
  const byDay = new Map<string, DaySums>();
  for (const row of rows.map(toSums)) {
    const day = byDay.get(row.day);
    byDay.set(row.day, day ? sumDays(day, row) : row);
  }
  return {
    days: [...byDay.values()],
    provided: rows.map((r) => ({
      day: String(r.day),
      network: String(r.network),
      counts: Object.fromEntries(GAIN_METRICS.map((m) => [m, count(r[`n_${m}`])])),
    })),
  };
}

const sumDays = (a: DaySums, b: DaySums): DaySums => ({
  day: a.day,
  impressions: add(a.impressions, b.impressions),
  reach: add(a.reach, b.reach),
  clicks: add(a.clicks, b.clicks),
  engagement: add(a.engagement, b.engagement),
  basis: add(a.basis, b.basis),
  rated: add(a.rated, b.rated),
  postsPublished: a.postsPublished + b.postsPublished,
  followers: add(a.followers, b.followers),
});

/**
 * With a labels filter account rollups can't say which gain came from which post, so the gains are
 * the per-post rollup's day-to-day differences (LAG over each post's days) for the labelled posts.
 */
async function labelledDaySums(db: DataSource, scope: ReadScope, span: DayRange, labelled: LabelledPostsSql) {
  const where = postFilters('ap', scope, labelled);
  const gain = (m: string) =>
    `pd."${m}" - COALESCE(LAG(pd."${m}") OVER (PARTITION BY pd."analyticsPostId" ORDER BY pd.day), 0)`;
  const rows = await select(
    db,
    `SELECT g.day AS "day", ${SUMMED.map((m) => `SUM(g."${m}") AS "${m}"`).join(', ')},
       SUM(COALESCE(g.reach, g.impressions)) AS "basis",
       SUM(CASE WHEN COALESCE(g.reach, g.impressions) IS NOT NULL THEN g.engagement END) AS "rated"
     FROM (SELECT pd.day AS day, ${SUMMED.map((m) => `${gain(m)} AS "${m}"`).join(', ')}
           FROM analytics_post_days pd JOIN analytics_posts ap ON ap.id = pd."analyticsPostId"
           WHERE ${where.sql} AND pd.day <= :to) g
     WHERE g.day >= :from
     GROUP BY g.day`,
    { ...where.params, from: span.from, to: span.to },
  );
  const { start, end } = instantsOf(span, scope.range.timeZone);
  const published = await select(
    db,
    `SELECT ap."publishedDay" AS "day", COUNT(*) AS "posts" FROM analytics_posts ap
     WHERE ${where.sql} AND ap."publishedAt" >= :start AND ap."publishedAt" < :end GROUP BY ap."publishedDay"`,
    { ...where.params, start, end },
  );
  const posts = new Map(published.map((r) => [String(r.day), count(r.posts)]));
  const followers = new Map((await accountDaySums(db, scope, span)).days.map((s) => [s.day, s.followers]));
  const days = new Set([...rows.map((r) => String(r.day)), ...posts.keys(), ...followers.keys()]);
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  return [...days].map((day) => ({
    ...toSums(byDay.get(day) ?? { day }),
    postsPublished: posts.get(day) ?? 0,
    followers: followers.get(day) ?? null,
  }));
}

const toSums = (r: Row): DaySums => ({
  day: String(r.day),
  impressions: num(r.impressions),
  reach: num(r.reach),
  clicks: num(r.clicks),
  engagement: num(r.engagement),
  basis: num(r.basis),
  rated: num(r.rated),
  postsPublished: count(r.postsPublished),
  followers: num(r.followers),
});

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

interface PeriodTotals {
  firstFollowers: number | null;
  impressions: number | null;
  reach: number | null;
  engagement: number | null;
  clicks: number | null;
  basis: number | null;
  rated: number | null;
  postsPublished: number;
}

function totalsOf(days: DaySums[]): PeriodTotals {
  const withFollowers = days.filter((d) => d.followers !== null);
  const sum = (pick: (d: DaySums) => number | null) => days.reduce<number | null>((acc, d) => add(acc, pick(d)), null);
  return {
    firstFollowers: withFollowers[0]?.followers ?? null,
    impressions: sum((d) => d.impressions),
    reach: sum((d) => d.reach),
    engagement: sum((d) => d.engagement),
    clicks: sum((d) => d.clicks),
    basis: sum((d) => d.basis),
    rated: sum((d) => d.rated),
    postsPublished: days.reduce((acc, d) => acc + d.postsPublished, 0),
  };
}

export interface Comparison {
  value: number | null;
  previous: number | null;
  changePercent: number | null;
}

const compare = (value: number | null, previous: number | null): Comparison => ({
  value,
  previous,
  changePercent: changePercent(value, previous),
});

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** The KPI totals of a period beside those of the period before it. */
function comparedTotals(current: PeriodTotals, previous: PeriodTotals, end: number | null, previousEnd: number | null) {
  return {
    followers: compare(end, previousEnd),
    // Gained in a period: its last count less the last count before it (or the period's own first count).
    followersGained: compare(
      diff(end, previousEnd ?? current.firstFollowers),
      diff(previousEnd, previous.firstFollowers),
    ),
    impressions: compare(current.impressions, previous.impressions),
    reach: compare(current.reach, previous.reach),
    engagement: compare(current.engagement, previous.engagement),
    engagementRate: compare(percent(current.rated, current.basis), percent(previous.rated, previous.basis)),
    clicks: compare(current.clicks, previous.clicks),
    ctr: compare(percent(current.clicks, current.impressions), percent(previous.clicks, previous.impressions)),
    postsPublished: compare(current.postsPublished, previous.postsPublished),
  };
}

/** Metrics no account of a network in scope provided in the range: the UI says "not provided by …". */
function notProvided(
  provided: AccountDayRead['provided'],
  from: string,
): Array<{ metric: string; networks: string[] }> {
  const counts = new Map<string, Record<string, number>>();
  for (const row of provided.filter((p) => p.day >= from)) {
    const sums = counts.get(row.network) ?? {};
    for (const [metric, n] of Object.entries(row.counts)) sums[metric] = (sums[metric] ?? 0) + n;
    counts.set(row.network, sums);
  }
  return GAIN_METRICS.map((metric) => ({
    metric,
    networks: [...counts]
      .filter(([, sums]) => sums[metric] === 0)
      .map(([network]) => network)
      .sort(),
  })).filter((m) => m.networks.length > 0);
}

/**
 * Followers at the end of the range and of the period before it: each account's last count in
 * each (an account that skipped the last day still counts), summed. The inner read is one
 * (workspaceId, day) index range grouped by account; the outer one reads those rows by key.
 */
async function followersAt(db: DataSource, scope: ReadScope): Promise<[number | null, number | null]> {
  const where = accountFilters('l', scope);
  const { range } = scope;
  const [row] = await select(
    db,
    `SELECT SUM(CASE WHEN d.day = last.cur THEN d.followers END) AS "current",
       SUM(CASE WHEN d.day = last.prev THEN d.followers END) AS "previous"
     FROM (SELECT l."accountId" AS "accountId", MAX(CASE WHEN l.day >= :from THEN l.day END) AS cur,
             MAX(CASE WHEN l.day < :from THEN l.day END) AS prev
           FROM analytics_account_days l
           WHERE ${where.sql} AND l.day >= :previousFrom AND l.day <= :to AND l.followers IS NOT NULL
           GROUP BY l."accountId") last
     JOIN analytics_account_days d ON d."accountId" = last."accountId" AND (d.day = last.cur OR d.day = last.prev)`,
    { ...where.params, from: range.from, to: range.to, previousFrom: range.previous.from },
  );
  return [num(row?.current), num(row?.previous)];
}

export async function overview(db: DataSource, scope: ReadScope, labelled: LabelledPostsSql) {
  const { range } = scope;
  const span = { from: range.previous.from, to: range.to };
  const read = scope.labels?.length ? null : await accountDaySums(db, scope, span);
  const all = read ? read.days : await labelledDaySums(db, scope, span, labelled);
  const [followers, previousFollowers] = await followersAt(db, scope);
  const current = all.filter((d) => d.day >= range.from).sort((a, b) => a.day.localeCompare(b.day));
  const previous = all.filter((d) => d.day < range.from).sort((a, b) => a.day.localeCompare(b.day));
  const byDay = new Map(current.map((d) => [d.day, d]));
  return {
    from: range.from,
    to: range.to,
    previous: range.previous,
    timeZone: range.timeZone,
    totals: comparedTotals(totalsOf(current), totalsOf(previous), followers, previousFollowers),
    series: seriesOf(daysOf(range), byDay),
    previousSeries: seriesOf(daysOf(range.previous), new Map(previous.map((d) => [d.day, d]))),
    notProvided: notProvided(read?.provided ?? (await accountDaySums(db, scope, range)).provided, range.from),
  };
}

/** One point per day (a day without rows has no values and no posts). */
function seriesOf(days: string[], byDay: Map<string, DaySums>) {
  return days.map((day) => {
    const d = byDay.get(day);
    return {
      day,
      followers: d?.followers ?? null,
      impressions: d?.impressions ?? null,
      reach: d?.reach ?? null,
      engagement: d?.engagement ?? null,
      engagementRate: d ? percent(d.rated, d.basis) : null,
      postsPublished: d?.postsPublished ?? 0,
    };
  });
}
