import { Parser } from 'node-sql-parser';
import { DataSource } from 'typeorm';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountAnalytics } from '../analytics/analytics-reads/account-reads';
import { BestTimes } from '../analytics/analytics-reads/best-times';
import { competitorRows, competitorSeries, ownRows } from '../analytics/analytics-reads/competitor-reads';
import { readRange } from '../analytics/analytics-reads/date-range';
import { hashtagTable } from '../analytics/analytics-reads/hashtag-reads';
import { memberTable } from '../analytics/analytics-reads/member-reads';
import { overview } from '../analytics/analytics-reads/overview-reads';
import { postDetail, postVariants } from '../analytics/analytics-reads/post-detail-reads';
import { postPage } from '../analytics/analytics-reads/post-reads';
import type { ReadScope } from '../analytics/analytics-reads/read-scope';
import { AnalyticsSql } from '../analytics/analytics-sql';
import { RollupWriter } from '../analytics/rollup-writer';
import { moveDayRollups } from '../analytics/day-rollup-rebuild';
import { sumWorkspaceDays } from '../analytics/workspace-days';
import { dialectOf, SqlDialect } from './sql-dialect';

/**
 * There is no SQL Server on these machines: the analytics statements are rendered by TypeORM's
 * real SQL Server driver (placeholders `@0`, quoting) through the real read and write code, caught
 * where they would be sent, and each one parsed by node-sql-parser's T-SQL grammar.
 */
const parser = new Parser();
// The grammar reads `TOP (@0) a.id` wrongly (T-SQL allows it; `TOP (@0) a` and `TOP (5) a.id` parse):
// the placeholder count is put in as a number before parsing.
const tsql = (sql: string) => parser.astify(sql.replace(/\bTOP \(@\d+\)/g, 'TOP (50)'), { database: 'transactsql' });

/** Reserved in T-SQL: as column names they must be quoted (`ap."external"`). */
const RESERVED = ['external', 'key', 'current', 'percent', 'file', 'user', 'public', 'plan', 'rule', 'top', 'order'];
const unquotedReserved = (sql: string) => RESERVED.filter((word) => new RegExp(`\\b\\w+\\.${word}\\b`, 'i').test(sql));

const mssql = new DataSource({ type: 'mssql', host: '127.0.0.1', username: 'sa', password: 'unused', database: 'x' });
const sent: string[] = [];
// Caught instead of sent: this data source is never connected.
mssql.query = (async (sql: string) => {
  sent.push(sql);
  return [];
}) as DataSource['query'];

const WS = '00000000-0000-4000-8000-000000000001';
const ACCOUNT = '00000000-0000-4000-8000-000000000002';
const range = readRange({ from: '2026-11-01', to: '2026-11-30' }, 'Europe/Paris');
const scope = (extra: Partial<ReadScope> = {}): ReadScope => ({ workspaceId: WS, range, ...extra });
const labelled = (param: string) =>
  `SELECT pl."postId" FROM post_labels pl JOIN labels l ON l.id = pl."labelId" WHERE l."workspaceId" = :workspaceId AND l.name IN (:...${param})`;

function expectValidTsql(statements: string[]) {
  expect(statements.length).toBeGreaterThan(0);
  for (const sql of statements) {
    expect(() => tsql(sql), sql).not.toThrow();
    expect(unquotedReserved(sql), sql).toEqual([]);
    expect(sql, 'no LIMIT in T-SQL').not.toMatch(/\bLIMIT\b/i);
    expect(sql, 'no boolean sort keys in T-SQL').not.toMatch(/IS NULL\)\s*,/);
    expect(sql, 'no $n / ? placeholders').not.toMatch(/\$\d|\?/);
  }
}

describe('SqlDialect fragments', () => {
  it('names the dialect of each driver', () => {
    expect(dialectOf({ options: { type: 'better-sqlite3' } })).toBe('sqlite');
    expect(dialectOf({ options: { type: 'postgres' } })).toBe('postgres');
    expect(dialectOf({ options: { type: 'mssql' } })).toBe('mssql');
    expect(() => dialectOf({ options: { type: 'oracle' } })).toThrow(/No SQL dialect/);
  });

  it('takes the first rows with LIMIT, or TOP on SQL Server', () => {
    const select = 'SELECT a.id FROM analytics_posts a ORDER BY a.id DESC';
    expect(new SqlDialect('sqlite').firstRows(select, '?')).toBe(`${select} LIMIT ?`);
    expect(new SqlDialect('postgres').firstRows(select, '$3')).toBe(`${select} LIMIT $3`);
    const top = new SqlDialect('mssql').firstRows(select, '@3');
    expect(top).toBe('SELECT TOP (@3) a.id FROM analytics_posts a ORDER BY a.id DESC');
    expect(() => tsql(top)).not.toThrow();
    expect(() => new SqlDialect('mssql').firstRows('UPDATE x SET a = 1', 1)).toThrow(/SELECT/);
  });

  it('sorts nulls last with a CASE every database accepts', () => {
    const sql = `SELECT a.id FROM t a ORDER BY ${new SqlDialect('mssql').nullsLast('a.engagement')}, a.engagement DESC`;
    expect(() => tsql(sql)).not.toThrow();
  });

  const upsert = {
    table: '"analytics_workspace_days"',
    keys: ['"workspaceId"', '"day"'],
    added: ['"reach"', '"postsPublished"'],
  };

  it('upserts with ON CONFLICT on SQLite and PostgreSQL', () => {
    expect(new SqlDialect('postgres').addingUpsert({ ...upsert, params: ['$1', '$2', '$3', '$4'] })).toBe(
      'INSERT INTO "analytics_workspace_days" ("workspaceId", "day", "reach", "postsPublished") VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT ("workspaceId", "day") DO UPDATE SET ' +
        '"reach" = CASE WHEN excluded."reach" IS NULL THEN "analytics_workspace_days"."reach" ELSE COALESCE("analytics_workspace_days"."reach", 0) + excluded."reach" END, ' +
        '"postsPublished" = CASE WHEN excluded."postsPublished" IS NULL THEN "analytics_workspace_days"."postsPublished" ELSE COALESCE("analytics_workspace_days"."postsPublished", 0) + excluded."postsPublished" END',
    );
    expect(() => new SqlDialect('sqlite').addingUpsert({ ...upsert, params: ['?'] })).toThrow(/one placeholder/);
  });

  it('upserts with MERGE … WITH (HOLDLOCK) on SQL Server', () => {
    const merge = new SqlDialect('mssql').addingUpsert({ ...upsert, params: ['@0', '@1', '@2', '@3'] });
    // node-sql-parser has no MERGE: its clauses are checked by shape and their parts parsed.
    const shape =
      /^MERGE INTO (\S+) WITH \(HOLDLOCK\) AS t USING \((SELECT .+?)\) AS s ON (.+?) WHEN MATCHED THEN UPDATE SET (.+?) WHEN NOT MATCHED THEN INSERT \((.+?)\) VALUES \((.+?)\);$/;
    const [, table, source, on, sets, columns, values] = merge.match(shape) ?? [];
    expect(table).toBe('"analytics_workspace_days"');
    expect(source).toBe('SELECT @0 AS "workspaceId", @1 AS "day", @2 AS "reach", @3 AS "postsPublished"');
    expect(() => tsql(source)).not.toThrow();
    expect(on).toBe('t."workspaceId" = s."workspaceId" AND t."day" = s."day"');
    expect(() =>
      tsql(`UPDATE t SET ${sets.replaceAll('s.', 'x.')} FROM x WHERE ${on.replaceAll('s.', 'x.')}`),
    ).not.toThrow();
    expect(sets).toContain(
      '"reach" = CASE WHEN s."reach" IS NULL THEN t."reach" ELSE COALESCE(t."reach", 0) + s."reach" END',
    );
    expect(columns).toBe('"workspaceId", "day", "reach", "postsPublished"');
    expect(values).toBe('s."workspaceId", s."day", s."reach", s."postsPublished"');
    expect(() => tsql(`INSERT INTO t (${columns}) VALUES (${values.replaceAll('s.', '')})`)).not.toThrow();
  });
});

describe('analytics statements rendered for SQL Server', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('overview: workspace days, account days (accounts filter), post days (labels filter)', async () => {
    await overview(mssql, scope(), labelled);
    expect(sent.some((s) => s.includes('FROM analytics_workspace_days'))).toBe(true);
    await overview(mssql, scope({ accounts: [ACCOUNT], networks: ['x'] }), labelled);
    await overview(mssql, scope({ labels: ['Autumn'] }), labelled);
    expect(sent.some((s) => s.includes('LAG('))).toBe(true);
    expectValidTsql(sent);
  });

  it('posts pages: by a metric with a cursor, by date, external only', async () => {
    await postPage(mssql, scope(), labelled, { sort: 'engagement', order: 'desc', limit: 50 });
    const cursor = Buffer.from(JSON.stringify([12, ACCOUNT])).toString('base64url');
    await postPage(mssql, scope({ labels: ['A'] }), labelled, { sort: 'ctr', order: 'asc', limit: 10, cursor });
    await postPage(mssql, scope(), labelled, { sort: 'publishedAt', order: 'desc', limit: 5, external: true });
    expect(sent.every((s) => s.startsWith('SELECT TOP ('))).toBe(true);
    expectValidTsql(sent);
  });

  it('hashtags, members, accounts, competitors, best times, post detail', async () => {
    for (const order of ['asc', 'desc'] as const) {
      await hashtagTable(mssql, scope(), labelled, { sort: 'engagementRate', order, limit: 20 });
      await hashtagTable(mssql, scope({ networks: ['x'] }), labelled, { sort: 'posts', order, limit: 20 });
    }
    await memberTable(mssql, scope({ labels: ['A'] }), labelled, [], new Map());
    await accountAnalytics(mssql, WS, { id: ACCOUNT, name: 'A', network: 'x' }, range, async () => new Map());
    await competitorRows(mssql, WS, range);
    await ownRows(mssql, WS, [{ id: ACCOUNT, name: 'A', network: 'x', handle: 'a' }], range);
    await competitorSeries(mssql, WS, ACCOUNT, range);
    await new BestTimes(mssql).heatmap(WS, { accountId: ACCOUNT, network: 'x' });
    await expect(postDetail(mssql, WS, ACCOUNT)).rejects.toThrow();
    await postVariants(mssql, WS, ACCOUNT);
    expectValidTsql(sent);
  });

  it('ingestion: the workspace day upsert is a MERGE; the workspace day sums parse', async () => {
    const writer = new RollupWriter();
    writer.addWorkspaceFollowers({ workspaceId: WS, accountId: ACCOUNT, network: 'x' }, '2026-11-02', 25);
    await writer.flush(new AnalyticsSql(mssql.manager));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(
      /^MERGE INTO "analytics_workspace_days" WITH \(HOLDLOCK\) AS t USING \(SELECT @0 AS "workspaceId"/,
    );
    sent.length = 0;
    await sumWorkspaceDays(mssql.manager, WS, '2026-11-01');
    expect(sent[0]).toMatch(/^DELETE FROM "analytics_workspace_days"/);
    expectValidTsql(sent);
  });

  it("zone rebuild: a page's day rows, snapshots and tags read, its rows from the first rebuilt day deleted", async () => {
    const post = { id: ACCOUNT, workspaceId: WS, accountId: ACCOUNT, network: 'x' as const, publishedAt: new Date() };
    await moveDayRollups(
      new AnalyticsSql(mssql.manager),
      [{ ...post, oldDay: '2026-06-01', newDay: '2026-06-01' }],
      'Europe/Paris',
      '2026-05-02',
    );
    expect(sent.map((s) => s.split(' ').slice(0, 4).join(' '))).toEqual([
      'SELECT * FROM "analytics_post_days"',
      'SELECT * FROM "post_metric_snapshots"',
      'SELECT "analyticsPostId", "tag" FROM',
      'DELETE FROM "analytics_post_days" WHERE',
    ]);
    expectValidTsql(sent);
  });
});
