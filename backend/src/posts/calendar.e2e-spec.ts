import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { insertRows } from '../database/insert-rows';
import { PublishJob } from '../publishing/publish-job.entity';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { publishedAtFirstTry } from '../testing/published-job';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { MAX_REPEATS_PER_VARIANT } from './calendar-reads';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';

const ZONE = 'Europe/Paris';
const POSTS = 100_000;
const ACCOUNTS = 20;
const YEAR_START = DateTime.fromISO('2027-01-01T00:00', { zone: ZONE });
const YEAR_MS = YEAR_START.plus({ years: 1 }).toMillis() - YEAR_START.toMillis();
const JUNE = YEAR_START.set({ month: 6 });

interface Entry {
  variantId: string;
  postId: string;
  at: string;
  state: string;
  repeat: boolean;
  repeatRule: { type: string; rrule: string | null; intervalDays: number | null } | null;
  title: string;
}

/**
 * The calendar at a real customer's size: 100,000 scheduled posts spread over 2027 (June holds
 * ~8,200 of them), a few published ones, repeating schedules, and another workspace's posts in the
 * same month. Every entry of the month and of each of its weeks comes back, and nothing else.
 */
describe.each(DATABASE_KINDS)('the calendar at 100,000 posts on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let accounts: string[];
  /** Variant id → due time, for every seeded one-off. */
  const due = new Map<string, number>();
  const published = new Map<string, number>();
  const accountOf = new Map<string, string>();
  let daily: string;
  let evergreen: string;
  let hourly: string;

  const calendar = (from: DateTime, to: DateTime, extra = '') =>
    t.http
      .get(`/api/v1/calendar?from=${from.toUTC().toISO()}&to=${to.toUTC().toISO()}${extra}`)
      .set(as(owner, workspaceId))
      .expect(200);

  const post = async (schedule: object, account: string) =>
    (
      await t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({ text: `repeating ${JSON.stringify(schedule)}`, variants: [{ accountId: account }], schedule })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Big Agency', ZONE);
    accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const res = await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: `Brand ${i}` })
        .expect(201);
      accounts.push(res.body.id);
    }
    // Repeating schedules go through the API, as people make them.
    daily = await post({ type: 'recurring', rrule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0' }, accounts[0]);
    hourly = await post({ type: 'recurring', rrule: 'FREQ=HOURLY;BYMINUTE=30;BYSECOND=0' }, accounts[1]);
    evergreen = await post(
      { type: 'evergreen', at: JUNE.minus({ days: 12 }).set({ hour: 10 }).toUTC().toISO(), intervalDays: 7 },
      accounts[2],
    );
    await seed(workspaceId, accounts, POSTS, (variantId, at) => due.set(variantId, at));
    // Another workspace's posts in the same month must not show.
    const other = await newWorkspace(t, owner, 'Other', ZONE);
    const otherAccount = (
      await t.http.post('/api/v1/accounts').set(as(owner, other)).send({ network: 'sandbox', name: 'X' }).expect(201)
    ).body.id;
    await seed(other, [otherAccount], 2_000, () => undefined);
    await seedPublished(workspaceId, accounts, (variantId, at) => published.set(variantId, at));
  }, 600_000);
  afterAll(() => t?.close());

  async function seed(workspace: string, on: string[], count: number, note: (variantId: string, at: number) => void) {
    const posts: Partial<Post>[] = [];
    const variants: Partial<PostVariant>[] = [];
    for (let i = 0; i < count; i++) {
      const at = YEAR_START.toMillis() + Math.floor((i * YEAR_MS) / count);
      const postId = newId();
      const variantId = newId();
      posts.push({
        id: postId,
        workspaceId: workspace,
        authorId: null,
        title: null,
        text: `Post ${i}`,
        state: 'scheduled',
        source: 'import',
      });
      variants.push({
        id: variantId,
        postId,
        workspaceId: workspace,
        accountId: on[i % on.length],
        text: null,
        postType: 'status',
        link: null,
        mediaIds: [],
        options: {},
        state: 'scheduled',
        scheduledAt: new Date(at),
        publishedAt: null,
        externalId: null,
        externalUrl: null,
        lastError: null,
      });
      note(variantId, at);
      accountOf.set(variantId, on[i % on.length]);
    }
    await t.db.transaction(async (em) => {
      await insertRows(em, Post, posts);
      await insertRows(em, PostVariant, variants);
    });
  }

  async function seedPublished(workspace: string, on: string[], note: (variantId: string, at: number) => void) {
    const posts: Partial<Post>[] = [];
    const variants: Partial<PostVariant>[] = [];
    const jobs: Partial<PublishJob>[] = [];
    for (let i = 0; i < 60; i++) {
      const at = JUNE.plus({ hours: i * 12 + 5 }).toJSDate();
      const postId = newId();
      const variantId = newId();
      const base = { workspaceId: workspace, accountId: on[i % on.length] };
      posts.push({
        id: postId,
        workspaceId: workspace,
        authorId: null,
        title: `Went out ${i}`,
        text: 'done',
        state: 'published',
        source: 'import',
      });
      variants.push({
        ...base,
        id: variantId,
        postId,
        text: null,
        postType: 'status',
        link: null,
        mediaIds: [],
        options: {},
        state: 'published',
        scheduledAt: at,
        publishedAt: at,
        externalId: `x${i}`,
        externalUrl: null,
        lastError: null,
      });
      jobs.push({
        ...base,
        id: newId(),
        postId,
        variantId,
        ...publishedAtFirstTry(at),
        externalId: `x${i}`,
      });
      note(variantId, at.getTime());
    }
    await t.db.transaction(async (em) => {
      await insertRows(em, Post, posts);
      await insertRows(em, PostVariant, variants);
      await insertRows(em, PublishJob, jobs);
    });
  }

  /** What a range must hold: seeded one-offs, published ones, and each repeating schedule's occurrences in it. */
  function expectRange(entries: Entry[], from: DateTime, to: DateTime) {
    const within = (at: number) => at >= from.toMillis() && at < to.toMillis();
    const key = (id: string, at: number) => `${id} ${new Date(at).toISOString()}`;
    const seeded = entries.filter((e) => due.has(e.variantId) || published.has(e.variantId));
    const expected = [
      ...[...due].filter(([, at]) => within(at)).map(([id, at]) => key(id, at)),
      ...[...published].filter(([, at]) => within(at)).map(([id, at]) => key(id, at)),
    ];
    expect(seeded.length).toBe(expected.length);
    expect(new Set(seeded.map((e) => key(e.variantId, Date.parse(e.at))))).toEqual(new Set(expected));
    expect(entries.map((e) => e.at)).toEqual(entries.map((e) => e.at).sort());
    const of = (postId: string) => entries.filter((e) => e.postId === postId);
    const localTimes = (postId: string) =>
      of(postId).map((e) => DateTime.fromISO(e.at, { zone: ZONE }).toFormat('ccc HH:mm'));
    const days = Math.round(to.diff(from, 'days').days);
    expect(localTimes(daily)).toEqual(
      Array.from({ length: days }, (_, i) => from.plus({ days: i }).set({ hour: 9 }).toFormat('ccc HH:mm')),
    );
    expect(of(daily).every((e) => e.repeat && e.state === 'scheduled')).toBe(true);
    expect(of(hourly)).toHaveLength(Math.round(to.diff(from, 'hours').hours));
    return { other: entries.length - seeded.length - of(daily).length - of(hourly).length - of(evergreen).length };
  }

  it('returns every entry of a month of more than 8,000 due posts, and only those', async () => {
    const month = JUNE.plus({ months: 1 });
    const res = await calendar(JUNE, month);
    const entries = res.body.entries as Entry[];
    expect(entries.filter((e) => due.has(e.variantId)).length).toBeGreaterThan(8_000);
    expect(expectRange(entries, JUNE, month)).toEqual({ other: 0 });
    // 10:00 on May 20th, every 7 days: June 3rd, 10th, 17th and 24th.
    expect(
      entries
        .filter((e) => e.postId === evergreen)
        .map((e) => DateTime.fromISO(e.at, { zone: ZONE }).toFormat('dd HH:mm')),
    ).toEqual(['03 10:00', '10 10:00', '17 10:00', '24 10:00']);
    const wentOut = entries.find((e) => published.has(e.variantId))!;
    expect(wentOut).toMatchObject({ state: 'published', repeat: false, repeatRule: null });
    // A repeat carries its rule, for the words the calendar shows ("Every day at 09:00").
    expect(entries.find((e) => e.postId === daily && e.repeat)!.repeatRule).toEqual({
      type: 'recurring',
      rrule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0',
      intervalDays: null,
    });
    expect(entries.find((e) => e.postId === evergreen && e.repeat)!.repeatRule).toEqual({
      type: 'evergreen',
      rrule: null,
      intervalDays: 7,
    });
    expect(wentOut.title).toMatch(/^Went out \d+$/);
    expect(entries.find((e) => due.has(e.variantId))!.title).toMatch(/^Post \d+$/);
    expect(res.body.more).toBe(0);
  });

  it("summarises the month by day as the full list holds it: each day's counts and first entries", async () => {
    const month = JUNE.plus({ months: 1 });
    const range = `from=${JUNE.toUTC().toISO()}&to=${month.toUTC().toISO()}`;
    const [full, summary] = await Promise.all([
      calendar(JUNE, month),
      t.http.get(`/api/v1/calendar/days?${range}&perDay=6`).set(as(owner, workspaceId)).expect(200),
    ]);
    const byDay = new Map<string, Entry[]>();
    for (const e of full.body.entries as Entry[]) {
      const date = DateTime.fromISO(e.at, { zone: ZONE }).toISODate()!;
      byDay.set(date, [...(byDay.get(date) ?? []), e]);
    }
    const days = summary.body.days as Array<{
      date: string;
      total: number;
      counts: Record<string, number>;
      entries: Entry[];
    }>;
    expect(days.map((d) => d.date)).toEqual([...byDay.keys()]);
    expect(days).toHaveLength(30);
    for (const day of days) {
      const all = byDay.get(day.date)!;
      const counts: Record<string, number> = {};
      for (const e of all) counts[e.state] = (counts[e.state] ?? 0) + 1;
      expect({ date: day.date, total: day.total, counts: day.counts }).toEqual({
        date: day.date,
        total: all.length,
        counts,
      });
      expect(day.entries).toEqual(all.slice(0, 6));
    }
    expect(days.reduce((n, d) => n + d.total, 0)).toBe(full.body.entries.length);
    expect(summary.body.quotaWarnings).toEqual(full.body.quotaWarnings);
  });

  it("gives a repeating post's next time its rule too, not only its later occurrences", async () => {
    const now = DateTime.now().setZone(ZONE);
    const entries = (await calendar(now.minus({ days: 1 }), now.plus({ days: 3 }))).body.entries as Entry[];
    const next = entries.find((e) => e.postId === daily && !e.repeat)!;
    expect(next.state).toBe('scheduled');
    expect(next.repeatRule).toEqual({
      type: 'recurring',
      rrule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0',
      intervalDays: null,
    });
  });

  it('returns each week of that month whole, in the workspace zone', async () => {
    for (let week = JUNE; week < JUNE.plus({ months: 1 }); week = week.plus({ weeks: 1 })) {
      const res = await calendar(week, week.plus({ weeks: 1 }));
      expect(expectRange(res.body.entries, week, week.plus({ weeks: 1 }))).toEqual({ other: 0 });
    }
  });

  it('filters by account and state through the same reads', async () => {
    const week = JUNE.plus({ days: 7 });
    const res = await calendar(week, week.plus({ weeks: 1 }), `&account=${accounts[5]}&state=scheduled`);
    const expected = [...due].filter(
      ([id, at]) =>
        accountOf.get(id) === accounts[5] && at >= week.toMillis() && at < week.plus({ weeks: 1 }).toMillis(),
    );
    expect(expected.length).toBeGreaterThan(50);
    expect(res.body.entries.map((e: Entry) => e.variantId).sort()).toEqual(expected.map(([id]) => id).sort());
    expect(res.body.entries.every((e: { accountId: string; state: string }) => e.accountId === accounts[5])).toBe(true);
  });

  it('shows a rule that fires more often than the calendar lists in part, and says how many more', async () => {
    const day = JUNE.plus({ days: 20 });
    // Starting the day before: every occurrence of the day asked for is a repeat.
    const start = day.minus({ days: 1 }).toUTC().toISO();
    const minutely = await post({ type: 'recurring', at: start, rrule: 'FREQ=MINUTELY' }, accounts[3]);
    const res = await calendar(day, day.plus({ days: 2 }));
    const mine = res.body.entries.filter((e: Entry) => e.postId === minutely);
    expect(mine).toHaveLength(MAX_REPEATS_PER_VARIANT);
    expect(res.body.more).toBe(2 * 1440 - MAX_REPEATS_PER_VARIANT);
  });
});
