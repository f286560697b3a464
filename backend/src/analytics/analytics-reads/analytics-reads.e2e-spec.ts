import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumWorkspaceDays } from '../workspace-days';
import { newId } from '../../common/ids';
import { apiAs, as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';
import { AnalyticsAccountDay } from '../analytics-account-day.entity';
import { AnalyticsBestTimeCell } from '../analytics-best-time-cell.entity';
import { AnalyticsHashtagDay } from '../analytics-hashtag-day.entity';
import { AnalyticsPostHashtag } from '../analytics-post-hashtag.entity';
import { AnalyticsPost } from '../analytics-post.entity';
import { AnalyticsPostDay } from '../analytics-post-day.entity';
import { PostMetricSnapshot } from '../post-metric-snapshot.entity';
import { nextBestTime } from './best-time-stats';
import { readRange } from './date-range';
import { tagTotalsSql } from './hashtag-reads';

const PARIS = 'Europe/Paris';
const RANGE = 'from=2026-11-01&to=2026-11-10';
const METRICS = {
  impressions: null,
  reach: null,
  clicks: null,
  reactions: null,
  comments: null,
  shares: null,
  saves: null,
  videoViews: null,
  engagement: null,
};

/**
 * The analytics read API over rollups seeded directly (what collection would have written): the
 * overview against the previous period, the posts table's sort and keyset pages with posts without
 * the metric last, a post's series, an account's page, hashtags, best times and their use as queue
 * slots, members, competitors, CSV downloads with formula cells guarded, and 400s that name fields.
 */
describe.each(DATABASE_KINDS)('analytics reads on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let api: ReturnType<typeof apiAs>;
  let brand: string;
  let other: string;
  const postIds: string[] = [];

  const accountDay = (accountId: string, day: string, network: string, values: Partial<AnalyticsAccountDay>) =>
    t.db.getRepository(AnalyticsAccountDay).insert({
      ...METRICS,
      accountId,
      day,
      workspaceId,
      network,
      postsPublished: 0,
      followers: null,
      following: null,
      posts: null,
      profileViews: null,
      ...values,
    } as AnalyticsAccountDay);

  const trackedPost = async (accountId: string, at: string, values: Partial<AnalyticsPost>) => {
    const publishedAt = DateTime.fromISO(at, { zone: PARIS });
    const id = newId();
    await t.db.getRepository(AnalyticsPost).insert({
      ...METRICS,
      id,
      workspaceId,
      accountId,
      network: 'sandbox',
      externalId: id,
      postId: null,
      variantId: null,
      external: false,
      authorId: owner.id,
      postType: 'status',
      mediaKind: null,
      text: 'A post',
      url: null,
      publishedAt: publishedAt.toJSDate(),
      publishedDay: publishedAt.toISODate()!,
      publishedWeekday: publishedAt.weekday,
      publishedHour: publishedAt.hour,
      reactionsByType: null,
      engagementRate: null,
      ctr: null,
      rateBasis: null,
      metricsTakenAt: new Date(),
      nextCollectAt: null,
      collectStep: 0,
      collectClaim: null,
      unavailableReason: null,
      ...values,
    } as AnalyticsPost);
    postIds.push(id);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Numbers', PARIS);
    api = apiAs(t, owner, workspaceId);
    brand = (await api.post('/accounts', { network: 'sandbox', name: 'Brand' }).expect(201)).body.id;
    other = (await api.post('/accounts', { network: 'sandbox', name: 'Other' }).expect(201)).body.id;
    await accountDay(brand, '2026-10-25', 'sandbox', {
      impressions: 100,
      reach: 80,
      clicks: 5,
      engagement: 10,
      postsPublished: 1,
      followers: 1000,
    });
    await accountDay(brand, '2026-11-02', 'sandbox', {
      impressions: 300,
      reach: 200,
      clicks: 9,
      engagement: 30,
      postsPublished: 2,
      followers: 1050,
    });
    await accountDay(brand, '2026-11-05', 'sandbox', {
      impressions: 100,
      reach: 100,
      clicks: 0,
      engagement: 10,
      followers: 1070,
    });
    // A network without reach or clicks: "not provided", and its rate is read against impressions.
    await accountDay(other, '2026-11-03', 'x', { impressions: 50, engagement: 5, postsPublished: 1, followers: 500 });
    // The workspace rollup ingestion would have kept beside these account days.
    await sumWorkspaceDays(t.db.manager, workspaceId);

    await trackedPost(brand, '2026-11-02T09:15', {
      engagement: 50,
      reach: 100,
      impressions: 120,
      engagementRate: 50,
      text: '=HYPERLINK("http://evil")',
    });
    await trackedPost(brand, '2026-11-02T18:00', { engagement: null, metricsTakenAt: null });
    await trackedPost(brand, '2026-11-03T09:00', { engagement: 30, reach: 60, engagementRate: 50 });
    await trackedPost(other, '2026-11-03T10:00', {
      engagement: 30,
      impressions: 100,
      engagementRate: 30,
      network: 'x',
      external: true,
      authorId: null,
    });
    await trackedPost(brand, '2026-11-04T12:00', {
      engagement: 10,
      reach: 100,
      impressions: 100,
      clicks: 10,
      engagementRate: 10,
    });
    await trackedPost(brand, '2026-10-20T12:00', { engagement: 99 }); // before the range
    await t.db.getRepository(PostMetricSnapshot).insert([
      {
        ...METRICS,
        id: newId(),
        analyticsPostId: postIds[0],
        workspaceId,
        takenAt: new Date('2026-11-02T09:15:00Z'),
        reach: 40,
        reactionsByType: null,
      },
      {
        ...METRICS,
        id: newId(),
        analyticsPostId: postIds[0],
        workspaceId,
        takenAt: new Date('2026-11-03T09:15:00Z'),
        reach: 100,
        reactionsByType: null,
      },
    ] as PostMetricSnapshot[]);
    await t.db.getRepository(AnalyticsPostHashtag).insert([
      { analyticsPostId: postIds[0], tag: 'autumn', workspaceId },
      { analyticsPostId: postIds[2], tag: 'autumn', workspaceId },
      { analyticsPostId: postIds[4], tag: 'menu', workspaceId },
    ]);
    await t.db.getRepository(AnalyticsHashtagDay).insert([
      {
        workspaceId,
        tag: 'autumn',
        day: '2026-11-02',
        impressions: 120,
        reach: 100,
        clicks: 4,
        engagement: 50,
        postsPublished: 1,
      },
      {
        workspaceId,
        tag: 'autumn',
        day: '2026-11-03',
        impressions: 60,
        reach: 60,
        clicks: 0,
        engagement: 30,
        postsPublished: 1,
      },
      {
        workspaceId,
        tag: 'menu',
        day: '2026-11-04',
        impressions: 100,
        reach: 100,
        clicks: 10,
        engagement: 10,
        postsPublished: 1,
      },
    ]);
  });
  afterAll(() => t?.close());

  it('sums the overview from the account rollups, beside the previous ten days', async () => {
    const body = (await api.get(`/analytics/overview?${RANGE}`).expect(200)).body;
    expect(body).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-10',
      previous: { from: '2026-10-22', to: '2026-10-31' },
      timeZone: PARIS,
    });
    expect(body.totals.impressions).toEqual({ value: 450, previous: 100, changePercent: 350 });
    expect(body.totals.postsPublished).toEqual({ value: 3, previous: 1, changePercent: 200 });
    expect(body.totals.followers).toEqual({ value: 1570, previous: 1000, changePercent: 57 });
    expect(body.totals.followersGained.value).toBe(570);
    // (30 + 5 + 10) engagement over (200 + 50 + 100) reach-or-impressions.
    expect(body.totals.engagementRate.value).toBe(12.86);
    expect(body.totals.ctr.value).toBe(2);
    expect(body.series).toHaveLength(10);
    expect(body.series[1]).toEqual({
      day: '2026-11-02',
      followers: 1050,
      impressions: 300,
      reach: 200,
      engagement: 30,
      engagementRate: 15,
      postsPublished: 2,
    });
    expect(body.series[0]).toMatchObject({ day: '2026-11-01', impressions: null, postsPublished: 0 });
    // The previous period's days, the nth beside the nth day of the period (compare lines).
    expect(body.previousSeries.map((d: { day: string }) => d.day)).toEqual(
      body.series.map((_: unknown, i: number) => `2026-10-${22 + i}`),
    );
    expect(body.previousSeries[3]).toMatchObject({
      day: '2026-10-25',
      impressions: 100,
      followers: 1000,
      postsPublished: 1,
    });
    expect(body.notProvided).toEqual(
      expect.arrayContaining([
        { metric: 'reach', networks: ['x'] },
        { metric: 'clicks', networks: ['x'] },
      ]),
    );
  });

  it('filters the overview by account and network', async () => {
    const one = (await api.get(`/analytics/overview?${RANGE}&accounts=${other}`).expect(200)).body;
    expect(one.totals.impressions.value).toBe(50);
    expect(one.totals.followers.value).toBe(500);
    const x = (await api.get(`/analytics/overview?${RANGE}&networks=sandbox`).expect(200)).body;
    expect(x.totals.impressions.value).toBe(400);
  });

  it('answers 400 naming the field for bad ranges and lists', async () => {
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-11-10&to=2026-11-01', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
      ['accounts=not-an-id', 'accounts'],
      ['networks=myspace', 'networks'],
      [`labels=${'x'.repeat(51)}`, 'labels'],
      ['format=pdf', 'format'],
    ]) {
      const res = await api.get(`/analytics/overview?${query}`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const sort = await api.get('/analytics/posts?sort=likes').expect(400);
    expect(sort.body.errors[0].field).toBe('sort');
    const cursor = await api.get('/analytics/posts?cursor=garbage').expect(400);
    expect(cursor.body.errors[0].field).toBe('cursor');
  });

  it('sorts posts by engagement with the uncollected post last, page by page', async () => {
    const seen: Array<{ id: string; engagement: number | null }> = [];
    let cursor = '';
    do {
      const page = (await api.get(`/analytics/posts?${RANGE}&sort=engagement&limit=2${cursor}`).expect(200)).body;
      seen.push(
        ...page.items.map((p: { id: string; metrics: { engagement: number | null } }) => ({
          id: p.id,
          engagement: p.metrics.engagement,
        })),
      );
      cursor = page.nextCursor ? `&cursor=${page.nextCursor}` : '';
    } while (cursor);
    expect(seen.map((p) => p.engagement)).toEqual([50, 30, 30, 10, null]);
    expect(new Set(seen.map((p) => p.id)).size).toBe(5);
    const asc = (await api.get(`/analytics/posts?${RANGE}&sort=engagement&order=asc`).expect(200)).body;
    expect(asc.items.map((p: { metrics: { engagement: number | null } }) => p.metrics.engagement)).toEqual([
      10,
      30,
      30,
      50,
      null,
    ]);
    const external = (await api.get(`/analytics/posts?${RANGE}&external=true`).expect(200)).body;
    expect(external.items).toHaveLength(1);
    expect(external.items[0]).toMatchObject({
      external: true,
      network: 'x',
      notProvided: expect.arrayContaining(['reach']),
    });
  });

  it('gives a post its metrics over time, by its own id', async () => {
    const body = (await api.get(`/analytics/posts/${postIds[0]}`).expect(200)).body;
    expect(body.post).toMatchObject({ id: postIds[0], metrics: { engagement: 50, engagementRate: 50 } });
    expect(body.series.map((p: { reach: number }) => p.reach)).toEqual([40, 100]);
    await api.get(`/analytics/posts/${newId()}`).expect(404);
    await api.get(`/analytics/posts/by-post/${newId()}`).expect(404);
  });

  it("lists a post's published variants for its page, each found by variant id too", async () => {
    const post = (await api.post('/posts', { text: 'Tracked', variants: [{ accountId: brand }] }).expect(201)).body;
    expect((await api.get(`/analytics/posts/by-post/${post.id}`).expect(200)).body).toEqual({ variants: [] });
    const variantId = post.variants[0].id as string;
    const id = await trackedPost(brand, '2026-12-20T10:00', { postId: post.id, variantId, engagement: 7 });
    const body = (await api.get(`/analytics/posts/by-post/${post.id}`).expect(200)).body;
    expect(body.variants.map((v: { post: { id: string } }) => v.post.id)).toEqual([id]);
    expect((await api.get(`/analytics/posts/${variantId}`).expect(200)).body.post).toMatchObject({
      id,
      postId: post.id,
    });
  });

  it("answers 404 for another workspace's account, whether in the path, a filter or a body", async () => {
    const stranger = await newUser(t, 'stranger');
    const theirs = apiAs(t, stranger, await newWorkspace(t, stranger, 'Elsewhere', PARIS));
    await theirs.get(`/analytics/accounts/${brand}`).expect(404);
    await theirs.get(`/analytics/best-times?account=${brand}`).expect(404);
    await theirs.post('/analytics/best-times/queue-slots', { accountId: brand, count: 1 }).expect(404);
    const overview = (await theirs.get(`/analytics/overview?${RANGE}&accounts=${brand}`).expect(200)).body;
    expect(overview.totals.impressions.value).toBeNull();
    expect((await theirs.get(`/analytics/posts?${RANGE}&accounts=${brand}`).expect(200)).body.items).toEqual([]);
  });

  it("shows an account's series, weekly frequency and content mix", async () => {
    const body = (await api.get(`/analytics/accounts/${brand}?${RANGE}`).expect(200)).body;
    expect(body.account).toEqual({ id: brand, name: 'Brand', network: 'sandbox' });
    expect(body.series.find((d: { day: string }) => d.day === '2026-11-02')).toMatchObject({
      followers: 1050,
      engagementRate: 15,
    });
    expect(body.previousSeries).toHaveLength(10);
    expect(body.previousSeries[3]).toMatchObject({ day: '2026-10-25', impressions: 100, followers: 1000 });
    expect(body.frequency).toEqual([
      { weekStart: '2026-10-26', posts: 0 },
      { weekStart: '2026-11-02', posts: 2 },
      { weekStart: '2026-11-09', posts: 0 },
    ]);
    expect(body.mix.byPostType).toEqual([
      { key: 'status', label: 'status', posts: 4, engagement: 90, engagementRate: 34.62 },
    ]);
    expect(body.mix.byLabel[0]).toMatchObject({ key: 'none', posts: 4 });
  });

  it('ranks hashtags with their top posts', async () => {
    const body = (await api.get(`/analytics/hashtags?${RANGE}`).expect(200)).body;
    expect(body.items.map((h: { tag: string }) => h.tag)).toEqual(['autumn', 'menu']);
    expect(body.items[0]).toMatchObject({ posts: 2, engagement: 80, reach: 160, ctr: 2.22, engagementRate: 50 });
    expect(body.items[0].topPosts.map((p: { id: string }) => p.id)).toEqual([postIds[0], postIds[2]]);
    const byCtr = (await api.get(`/analytics/hashtags?${RANGE}&sort=ctr&accounts=${brand}`).expect(200)).body;
    expect(byCtr.items[0].tag).toBe('menu');
    const fewest = (await api.get(`/analytics/hashtags?${RANGE}&sort=engagement&order=asc`).expect(200)).body;
    expect(fewest.items.map((h: { tag: string }) => h.tag)).toEqual(['menu', 'autumn']);
    const byUses = (await api.get(`/analytics/hashtags?${RANGE}&sort=posts&order=desc&limit=1`).expect(200)).body;
    expect(byUses.items.map((h: { tag: string; posts: number }) => [h.tag, h.posts])).toEqual([['autumn', 2]]);
    if (kind === 'sqlite') {
      // The table's sums are read from its covering index alone, over the range's days.
      const scope = { workspaceId, range: readRange({ from: '2026-11-01', to: '2026-11-10' }, PARIS) };
      const totals = tagTotalsSql(scope, () => '');
      const [text, values] = t.db.driver.escapeQueryWithParameters(totals.sql, totals.params);
      const plan = (await t.db.query(`EXPLAIN QUERY PLAN ${text}`, values)) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toContain('COVERING INDEX ix_analytics_hashtag_days_table');
    }
    const bad = (await api.get(`/analytics/hashtags?${RANGE}&order=up`).expect(400)).body;
    expect(bad.errors).toEqual([
      expect.objectContaining({ field: 'order', message: expect.stringContaining('desc or asc') }),
    ]);
  });

  it('says when history is too thin for best times, then names them and makes them queue slots', async () => {
    const thin = (await api.get(`/analytics/best-times?account=${brand}`).expect(200)).body;
    expect(thin).toMatchObject({ timeZone: PARIS, basis: 'engagementRate', minPosts: 3, enoughData: false, best: [] });
    expect(thin.message).toMatch(/Not enough history/);
    expect(thin.cells).toHaveLength(168);
    await api.post('/analytics/best-times/queue-slots', { accountId: brand, count: 2 }).expect(409);

    const cell = (weekday: number, hour: number, posts: number, engagementSum: number) =>
      ({
        workspaceId,
        accountId: brand,
        weekday,
        hour,
        network: 'sandbox',
        posts,
        engagementSum,
        basisSum: 1000,
      }) as AnalyticsBestTimeCell;
    await t.db
      .getRepository(AnalyticsBestTimeCell)
      .insert([cell(1, 9, 3, 50), cell(2, 18, 4, 80), cell(5, 12, 5, 20), cell(6, 10, 2, 500)]);
    const map = (await api.get(`/analytics/best-times?account=${brand}`).expect(200)).body;
    expect(map.enoughData).toBe(true);
    expect(map.cells.find((c: { weekday: number; hour: number }) => c.weekday === 2 && c.hour === 18)).toEqual({
      weekday: 2,
      hour: 18,
      posts: 4,
      value: 8,
    });
    // Two posts are luck, not a pattern: the cell keeps its count and has no value.
    expect(map.cells.find((c: { weekday: number; hour: number }) => c.weekday === 6 && c.hour === 10)).toEqual({
      weekday: 6,
      hour: 10,
      posts: 2,
      value: null,
    });
    expect(map.best).toEqual([
      { weekday: 2, hour: 18 },
      { weekday: 1, hour: 9 },
      { weekday: 5, hour: 12 },
    ]);

    const slots = (await api.post('/analytics/best-times/queue-slots', { accountId: brand, count: 2 }).expect(200))
      .body;
    expect(slots.slots).toEqual([
      { weekday: 1, localTime: '09:00' },
      { weekday: 2, localTime: '18:00' },
    ]);
    expect((await api.get(`/accounts/${brand}/queue-slots`).expect(200)).body.slots).toEqual(slots.slots);
    const bad = await api.post('/analytics/best-times/queue-slots', { accountId: brand, count: 0 }).expect(400);
    expect(bad.body.errors[0].field).toBe('count');
  });

  it('schedules "at the next best time", or at the next queue slot while history is thin', async () => {
    const best = (
      await api
        .post('/posts', { text: 'At its best', variants: [{ accountId: brand }], schedule: { type: 'best-time' } })
        .expect(201)
    ).body;
    const expected = nextBestTime(
      [
        { weekday: 2, hour: 18 },
        { weekday: 1, hour: 9 },
        { weekday: 5, hour: 12 },
      ],
      PARIS,
      new Date(),
    );
    expect(best.schedule.type).toBe('best-time');
    expect(best.variants[0].scheduledAt).toBe(expected!.toISOString());

    const refused = await api
      .post('/posts', { text: 'Thin', variants: [{ accountId: other }], schedule: { type: 'best-time' } })
      .expect(400);
    expect(refused.body.detail).toMatch(/no free queue slot/);
    await t.http
      .put(`/api/v1/accounts/${other}/queue-slots`)
      .set(as(owner, workspaceId))
      .send({ slots: [{ weekday: 3, localTime: '08:30' }] })
      .expect(200);
    const queued = (
      await api
        .post('/posts', { text: 'Thin', variants: [{ accountId: other }], schedule: { type: 'best-time' } })
        .expect(201)
    ).body;
    expect(queued.schedule.type).toBe('queue');
    const at = DateTime.fromISO(queued.variants[0].scheduledAt, { zone: PARIS });
    expect([at.weekday, at.toFormat('HH:mm')]).toEqual([3, '08:30']);
  });

  it('counts posts per member', async () => {
    const body = (await api.get(`/analytics/members?${RANGE}`).expect(200)).body;
    expect(body.items).toEqual([
      { memberId: owner.id, name: owner.name, postsCreated: 0, postsPublished: 4, averageEngagementRate: 36.67 },
    ]);
  });

  it('tracks a Sandbox competitor beside the own accounts, and stops', async () => {
    const added = await api.post('/analytics/competitors', { network: 'sandbox', handle: '@Rival_Cafe' }).expect(201);
    expect(added.body.competitor).toMatchObject({ kind: 'competitor', network: 'sandbox', handle: 'rival_cafe' });
    const list = (await api.get('/analytics/competitors').expect(200)).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0].followers).toBeGreaterThan(0);
    expect(list.own.map((o: { id: string }) => o.id)).toEqual([brand, other]);
    const detail = (await api.get(`/analytics/competitors/${list.items[0].id}`).expect(200)).body;
    expect(detail.series).toHaveLength(30);
    expect(detail.series.at(-1).followers).toBe(list.items[0].followers);
    await api.post('/analytics/competitors', { network: 'sandbox', handle: 'rival_cafe' }).expect(409);
    const bad = await api.post('/analytics/competitors', { network: 'linkedin', handle: 'someone' }).expect(400);
    expect(bad.body.errors[0].field).toBe('network');
    await t.http.delete(`/api/v1/analytics/competitors/${list.items[0].id}`).set(as(owner, workspaceId)).expect(204);
    expect((await api.get('/analytics/competitors').expect(200)).body.items).toEqual([]);
  });

  it('says why a competitor cannot be looked up when the account lacks the insights permission', async () => {
    const insights = (on: boolean) =>
      Promise.all(
        [brand, other].map((id) =>
          t.http
            .patch(`/api/v1/accounts/${id}`)
            .set(as(owner, workspaceId))
            .send({ settings: { insights: on } })
            .expect(200),
        ),
      );
    await insights(false);
    try {
      const refused = await api
        .post('/analytics/competitors', { network: 'sandbox', handle: 'rival_cafe' })
        .expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'network', message: expect.stringContaining('without the insights permission') },
      ]);
    } finally {
      await insights(true);
    }
  });

  it('downloads each table as CSV with formula cells guarded', async () => {
    const posts = await api.get(`/analytics/posts?${RANGE}&sort=engagement&format=csv`).expect(200);
    expect(posts.headers['content-type']).toMatch(/^text\/csv/);
    const lines = posts.text.trim().split('\n');
    expect(lines[0]).toMatch(/^id,postId,accountId,network,external,postType,publishedAt,text,url,impressions/);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    for (const path of ['overview', 'hashtags', 'members', 'best-times', 'competitors', `accounts/${brand}`]) {
      const res = await api.get(`/analytics/${path}?format=csv`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text.split('\n')[0].length).toBeGreaterThan(0);
    }
  });
  it("filters by label: gains from the labelled posts' day rollup, their table and their share of the mix", async () => {
    const post = (
      await api.post('/posts', { text: 'Labelled', labels: ['Autumn'], variants: [{ accountId: brand }] }).expect(201)
    ).body;
    const id = await trackedPost(brand, '2026-11-06T10:00', {
      postId: post.id,
      engagement: 40,
      reach: 80,
      engagementRate: 50,
    });
    const day = (d: string, engagement: number) =>
      ({
        ...METRICS,
        analyticsPostId: id,
        day: d,
        workspaceId,
        accountId: brand,
        takenAt: new Date(`${d}T20:00:00Z`),
        engagement,
      }) as AnalyticsPostDay;
    await t.db
      .getRepository(AnalyticsPostDay)
      .insert([day('2026-10-30', 5), day('2026-11-06', 25), day('2026-11-07', 40)]);
    const overview = (await api.get(`/analytics/overview?${RANGE}&labels=Autumn,Winter`).expect(200)).body;
    expect(overview.totals.engagement).toEqual({ value: 35, previous: 5, changePercent: 600 });
    expect(overview.totals.postsPublished.value).toBe(1);
    expect(overview.series.find((d: { day: string }) => d.day === '2026-11-06')).toMatchObject({
      engagement: 20,
      postsPublished: 1,
    });
    const posts = (await api.get(`/analytics/posts?${RANGE}&labels=Autumn`).expect(200)).body;
    expect(posts.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const account = (await api.get(`/analytics/accounts/${brand}?${RANGE}`).expect(200)).body;
    expect(account.mix.byLabel).toContainEqual({
      key: 'Autumn',
      label: 'Autumn',
      posts: 1,
      engagement: 40,
      engagementRate: 50,
    });
  });
});
