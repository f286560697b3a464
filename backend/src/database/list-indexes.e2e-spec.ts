import sharp from 'sharp';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { Run } from '../automations/run.entity';
import { newId } from '../common/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

/** Every SELECT the app sends while it is on, with its parameters, as the driver received them. */
class CapturingLogger extends AbstractLogger {
  on = false;
  readonly queries: Array<{ sql: string; parameters: unknown[] }> = [];

  override logQuery(sql: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (this.on && /^\s*SELECT\b/i.test(sql)) this.queries.push({ sql, parameters: parameters ?? [] });
  }

  protected override writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}
}

/** Tables a workspace fills at a real customer's size: reading one whole, or sorting it, is a defect. */
const BIG_TABLES = [
  'posts',
  'post_variants',
  'schedules',
  'publish_jobs',
  'activity_entries',
  'outbox_emails',
  'automation_runs',
  'automation_run_steps',
  'notifications',
  'approvals',
  'post_templates',
  'hashtag_groups',
  'hashtag_uses',
  'media_items',
  'media_item_tags',
  'post_variant_media',
];

/**
 * Each list, the board and the calendar read through an index that serves their WHERE and ORDER BY:
 * the queries are the ones the app itself sends for real HTTP requests (captured from TypeORM's
 * logger), and each is put to the database's planner. On SQLite the plan must neither scan a big
 * table nor sort in a temporary B-tree; on PostgreSQL, with sequential scans priced out so the
 * plan shows whether an index can serve the order, it must hold no Sort. A missing index fails here.
 */
describe.each(DATABASE_KINDS)('list queries read through their indexes on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let postId: string;
  let automationId: string;
  let accountId: string;
  let mediaId: string;
  const runId = newId();
  const logger = new CapturingLogger();

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Plans');
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'A' })
        .expect(201)
    ).body.id;
    postId = (
      await t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({
          text: 'Weekly',
          labels: ['news'],
          variants: [{ accountId }],
          schedule: { type: 'recurring', rrule: 'FREQ=WEEKLY' },
        })
        .expect(201)
    ).body.id;
    // An item a draft carries: its detail lists the posts that use it.
    const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#36a' } })
      .png()
      .toBuffer();
    mediaId = (
      await t.http.post('/api/v1/media').set(as(owner, workspaceId)).attach('file', image, 'logo.png').expect(201)
    ).body.id;
    await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text: 'With the logo', variants: [{ accountId, mediaIds: [mediaId] }] })
      .expect(201);
    automationId = (
      await t.http.post('/api/v1/automations').set(as(owner, workspaceId)).send({ name: 'Plans' }).expect(201)
    ).body.id;
    await t.db.getRepository(Run).insert({
      id: runId,
      workspaceId,
      automationId,
      version: 1,
      status: 'succeeded',
      triggerNodeId: 'hook',
      input: {},
      error: null,
      startedAt: new Date(),
      finishedAt: new Date(),
    });
    // TypeORM reads its logger from the data source on every query.
    Object.assign(t.db, { logger });
  });
  afterAll(() => t?.close());

  /** The plan of `sql` as the database would run it, one line per node. */
  async function plan(sql: string, parameters: unknown[]): Promise<string[]> {
    if (kind === 'sqlite') {
      const rows: Array<{ detail: string }> = await t.db.query(`EXPLAIN QUERY PLAN ${sql}`, parameters);
      return rows.map((r) => r.detail);
    }
    const runner = t.db.createQueryRunner();
    try {
      await runner.query('SET enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await runner.query(`EXPLAIN ${sql}`, parameters);
      return rows.map((r) => r['QUERY PLAN']);
    } finally {
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  }

  /**
   * What in a plan reads a big table whole or sorts rows: empty when every step uses an index in
   * order. A query that fetches rows by a list of keys (a page's variants by their posts) may sort
   * them: it reads only those keys' rows, so its sort is bounded by the page, not by the table.
   */
  function defects(sql: string, lines: string[]): string[] {
    const byKeys = /\bWHERE \(*"\w+"\."\w+" IN \([^)]*\)\)* ORDER BY [^)]*$/.test(sql) && !/\bLIMIT\b/.test(sql);
    if (byKeys) lines = lines.filter((l) => !/\bSort\b|TEMP B-TREE/.test(l));
    // The calendar's days: a UNION ALL of one derived table per day, each reading that day's index range.
    // Scanning a branch's own result reads no table, and a branch that counts may group its rows (a sort
    // bounded by one day); a branch that lists a day's first entries must still read them in index order.
    if (/^SELECT \* FROM \(.*\) "d0" UNION ALL /.test(sql)) {
      const grouped = /\bGROUP BY\b/.test(sql);
      lines = lines.filter((l) => !/^SCAN d\d+$/.test(l.trim()) && !(grouped && /\bSort\b/.test(l)));
    }
    if (kind === 'sqlite') {
      return lines.filter(
        (l) =>
          /USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(l) ||
          BIG_TABLES.some(
            (table) => new RegExp(`^SCAN ${table}\\b`).test(l) || new RegExp(`^SCAN \\w+ \\(${table}\\)`).test(l),
          ) ||
          /^SCAN \w+$/.test(l) ||
          /^SCAN \w+ USING (COVERING )?INDEX/.test(l),
      );
    }
    return lines.filter(
      (l) =>
        /\bSort\b/.test(l) ||
        /Seq Scan on (\w+)/
          .exec(l)
          ?.slice(1)
          .some((x) => BIG_TABLES.includes(x)),
    );
  }

  const month = () => `from=${new Date().toISOString()}&to=${new Date(Date.now() + 31 * 86_400_000).toISOString()}`;
  /**
   * Each list, and the index its plan must use (checked on SQLite, whose planner has no statistics
   * to weigh): an index on a column that does not narrow to the workspace (a status across every
   * tenant) would pass the scan check and still read too much.
   */
  const LISTS: Array<[string, () => string, string[]]> = [
    ['posts', () => '/api/v1/posts?limit=50', ['ix_posts_workspace']],
    ['posts by state', () => '/api/v1/posts?state=scheduled&limit=50', ['ix_posts_workspace_state']],
    ['posts by label', () => '/api/v1/posts?label=news&limit=50', ['ix_posts_workspace']],
    ['posts by account', () => `/api/v1/posts?account=${accountId}&limit=50`, ['ix_posts_workspace']],
    ['board', () => '/api/v1/board', ['ix_posts_workspace_state']],
    [
      'calendar',
      () => `/api/v1/calendar?${month()}`,
      ['ix_post_variants_calendar', 'ix_publish_jobs_calendar', 'ix_schedules_workspace_type'],
    ],
    [
      'calendar, filtered by network, label and author',
      () => `/api/v1/calendar?${month()}&network=sandbox&label=news&author=${owner.id}`,
      // The network's accounts: each one's due variants by time (the label and author are checked per row by key).
      ['ix_post_variants_account', 'ix_publish_jobs_calendar', 'ix_schedules_workspace_type'],
    ],
    [
      'calendar days',
      () => `/api/v1/calendar/days?${month()}`,
      ['ix_post_variants_calendar', 'ix_publish_jobs_calendar', 'ix_schedules_workspace_type'],
    ],
    [
      'calendar day',
      () => `/api/v1/calendar/day?date=${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}`,
      ['ix_post_variants_calendar', 'ix_publish_jobs_calendar', 'ix_schedules_workspace_type'],
    ],
    ['post attempts', () => `/api/v1/posts/${postId}/attempts`, ['ix_publish_jobs_post']],
    ['activity', () => '/api/v1/activity?limit=50', ['ix_activity_entries_workspace']],
    ['outbox', () => '/api/v1/outbox?limit=50', ['ix_outbox_emails_workspace']],
    ['runs', () => `/api/v1/automations/${automationId}/runs`, ['ix_automation_runs_automation']],
    ['run steps', () => `/api/v1/runs/${runId}?limit=50`, ['ix_automation_run_steps_run']],
    ['run steps, next page', () => `/api/v1/runs/${runId}?cursor=${newId()}`, ['ix_automation_run_steps_run']],
    ['notifications', () => '/api/v1/notifications', ['ix_notifications_list']],
    ['approvals', () => '/api/v1/approvals', ['ix_approvals_workspace_status']],
    ['media', () => '/api/v1/media?limit=50', ['ix_media_items_workspace']],
    ['media, next page', () => `/api/v1/media?cursor=${newId()}`, ['ix_media_items_workspace']],
    ['media at the root', () => '/api/v1/media?folderId=root', ['ix_media_items_folder']],
    ['media in a folder', () => `/api/v1/media?folderId=${newId()}`, ['ix_media_items_folder']],
    ['media by kind', () => '/api/v1/media?kind=image', ['ix_media_items_kind']],
    ['media by tag', () => '/api/v1/media?tag=launch', ['ix_media_items_workspace']],
    ['media folders', () => '/api/v1/media-folders', ['ix_media_items_folder']],
    ['media tags', () => '/api/v1/media-tags', ['ix_media_item_tags_workspace']],
    ['a media item and the posts using it', () => `/api/v1/media/${mediaId}`, ['ix_post_variant_media_media']],
    ['post templates', () => '/api/v1/post-templates?limit=50', ['ix_post_templates_workspace']],
    ['post templates, next page', () => `/api/v1/post-templates?cursor=${newId()}`, ['ix_post_templates_workspace']],
    ['hashtag groups', () => '/api/v1/hashtag-groups?limit=50', ['ix_hashtag_groups_workspace']],
    ['hashtag suggestions', () => '/api/v1/hashtags/suggestions', ['ix_hashtag_uses_top', 'ix_hashtag_uses_recent']],
    [
      'hashtag suggestions by prefix',
      () => '/api/v1/hashtags/suggestions?q=new',
      ['ix_hashtag_uses_top', 'ix_hashtag_uses_recent'],
    ],
    [
      'home',
      () => '/api/v1/home',
      [
        'ix_posts_workspace_state',
        'ix_approvals_workspace_status',
        'ix_post_variants_calendar',
        'ix_automation_runs_automation',
      ],
    ],
  ];

  it.each(LISTS)('%s', async (_list, path, indexes) => {
    logger.queries.length = 0;
    logger.on = true;
    try {
      await t.http.get(path()).set(as(owner, workspaceId)).expect(200);
    } finally {
      logger.on = false;
    }
    const read = logger.queries.filter((q) => BIG_TABLES.some((table) => new RegExp(`\\b${table}\\b`).test(q.sql)));
    expect(read.length).toBeGreaterThan(0);
    const found: Array<{ sql: string; defects: string[] }> = [];
    const used = new Set<string>();
    const plans: string[] = [];
    for (const q of read) {
      const lines = await plan(q.sql, q.parameters);
      plans.push(...lines);
      for (const line of lines) for (const name of line.match(/\b(ix|uq)_\w+/g) ?? []) used.add(name);
      const bad = defects(q.sql, lines);
      if (bad.length) found.push({ sql: q.sql, defects: bad });
    }
    expect(found).toEqual([]);
    // PostgreSQL prices plans by statistics, which empty tables do not have: it may pick a sibling index that also serves the order.
    if (kind === 'sqlite')
      expect(
        indexes.filter((name) => !used.has(name)),
        plans.join('\n'),
      ).toEqual([]);
  });
});
