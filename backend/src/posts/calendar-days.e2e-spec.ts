import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { apiAs, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

const PARIS = 'Europe/Paris';

interface Entry {
  postId: string;
  variantId: string;
  at: string;
  state: string;
  title: string;
  repeat: boolean;
}
interface Day {
  date: string;
  total: number;
  counts: Record<string, number>;
  entries: Entry[];
}

/**
 * The calendar by day (`/calendar/days`, `/calendar/day`): days are the workspace's local days
 * across a DST change, each day's counts are those of the full list, its first entries are the
 * full list's first, and a day pages through all of its entries. Posts are created, moved,
 * published and deleted through the API, and the days follow.
 */
describe.each(DATABASE_KINDS)('the calendar by day on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let account: string;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'By day', PARIS);
    api = apiAs(t, owner, workspaceId);
    account = (await api.post('/accounts', { network: 'sandbox', name: 'Brand' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  const schedule = async (text: string, at: DateTime, extra: object = {}) =>
    (
      await api
        .post('/posts', {
          text,
          variants: [{ accountId: account }],
          schedule: { type: 'single', at: at.toUTC().toISO() },
          ...extra,
        })
        .expect(201)
    ).body.id as string;
  const range = (from: DateTime, to: DateTime) => `from=${from.toUTC().toISO()}&to=${to.toUTC().toISO()}`;
  const days = async (from: DateTime, to: DateTime, extra = '') =>
    (await api.get(`/calendar/days?${range(from, to)}${extra}`).expect(200)).body as {
      timeZone: string;
      days: Day[];
      more: number;
    };
  const entries = async (from: DateTime, to: DateTime) =>
    (await api.get(`/calendar?${range(from, to)}`).expect(200)).body.entries as Entry[];
  const totals = (body: { days: Day[] }) => Object.fromEntries(body.days.map((d) => [d.date, d.total]));

  it('sorts entries into local days across the spring DST change (Paris, 28 March 2027)', async () => {
    const local = (iso: string) => DateTime.fromISO(iso, { zone: PARIS });
    // 00:30 on the 28th is still the 27th in UTC; 23:30 on the 28th is 21:30 UTC, two hours behind after the change.
    for (const at of [
      '2027-03-27T23:30',
      '2027-03-28T00:30',
      '2027-03-28T03:30',
      '2027-03-28T23:30',
      '2027-03-29T00:15',
    ])
      await schedule(`DST ${at}`, local(at));
    const body = await days(local('2027-03-27T00:00'), local('2027-03-30T00:00'));
    expect(body.timeZone).toBe(PARIS);
    expect(totals(body)).toEqual({ '2027-03-27': 1, '2027-03-28': 3, '2027-03-29': 1 });
    const march28 = body.days.find((d) => d.date === '2027-03-28')!;
    expect(march28.counts).toEqual({ scheduled: 3 });
    expect(march28.entries.map((e) => local(e.at).toFormat('HH:mm'))).toEqual(['00:30', '03:30', '23:30']);
    expect(march28.entries[0]).toMatchObject({ title: 'DST 2027-03-28T00:30', state: 'scheduled', repeat: false });
    // The day's page covers its 23 hours, midnight to midnight in Paris.
    const page = (await api.get('/calendar/day?date=2027-03-28').expect(200)).body;
    expect(page.items).toEqual(march28.entries);
    expect(page.nextCursor).toBeNull();
  });

  it('counts each day as the full list does and lists its first entries, repeats included', async () => {
    const week = DateTime.fromISO('2027-05-03T00:00', { zone: PARIS });
    // Ten posts a day, 08:00 to 17:00, on the week's first five days, and a daily repeat at 12:30.
    for (let day = 0; day < 5; day++)
      for (let hour = 8; hour < 18; hour++)
        await schedule(`May ${day} ${hour}h`, week.plus({ days: day, hours: hour }));
    await api
      .post('/posts', {
        text: 'Lunch',
        variants: [{ accountId: account }],
        schedule: {
          type: 'recurring',
          at: week.set({ hour: 12, minute: 30 }).toUTC().toISO(),
          rrule: 'FREQ=DAILY;COUNT=7',
        },
      })
      .expect(201);
    const full = await entries(week, week.plus({ weeks: 1 }));
    const body = await days(week, week.plus({ weeks: 1 }), '&perDay=4');
    const byDay = new Map<string, Entry[]>();
    for (const e of full) {
      const date = DateTime.fromISO(e.at, { zone: PARIS }).toISODate()!;
      byDay.set(date, [...(byDay.get(date) ?? []), e]);
    }
    expect(body.days.map((d) => d.date)).toEqual([...byDay.keys()]);
    expect(body.days).toHaveLength(7);
    for (const day of body.days) {
      const all = byDay.get(day.date)!;
      expect(day.total).toBe(all.length);
      expect(Object.values(day.counts).reduce((a, b) => a + b, 0)).toBe(all.length);
      expect(day.entries).toEqual(all.slice(0, 4));
    }
    expect(totals(body)['2027-05-03']).toBe(11);
    expect(totals(body)['2027-05-09']).toBe(1);
    // The calendar's filters narrow the days as they narrow the list.
    const mine = await days(week, week.plus({ weeks: 1 }), `&perDay=4&account=${account}&state=scheduled`);
    expect(mine.days).toEqual(body.days);
    expect((await days(week, week.plus({ weeks: 1 }), '&network=x')).days).toEqual([]);
    expect((await days(week, week.plus({ weeks: 1 }), '&state=published')).days).toEqual([]);
    // No entries asked for: counts only.
    const counts = await days(week, week.plus({ weeks: 1 }), '&perDay=0');
    expect(counts.days.every((d) => d.entries.length === 0)).toBe(true);
    expect(counts.days.map((d) => d.total)).toEqual(body.days.map((d) => d.total));
  });

  it("pages through one day's entries in time order, in the workspace's zone", async () => {
    const date = '2027-05-04';
    const start = DateTime.fromISO(date, { zone: PARIS });
    const all = await entries(start, start.plus({ days: 1 }));
    expect(all).toHaveLength(11);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Entry[]; nextCursor: string | null } } = await api
        .get(`/calendar/day?date=${date}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
    const bad = await api.get('/calendar/day?date=2027-13-01&cursor=nope').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cursor', 'date']);
  });

  it('follows posts created, moved, published and deleted, and a change of time zone', async () => {
    const day = DateTime.fromISO('2027-09-14T00:00', { zone: PARIS });
    const of = async (from = day, to = day.plus({ days: 2 })) => totals(await days(from, to));
    const first = await schedule('Moves', day.set({ hour: 10 }));
    const second = await schedule('Deleted', day.set({ hour: 11 }));
    expect(await of()).toEqual({ '2027-09-14': 2 });
    await api
      .post(`/posts/${first}/reschedule`, {
        schedule: { type: 'single', at: day.plus({ days: 1, hours: 10 }).toUTC().toISO() },
      })
      .expect(200);
    expect(await of()).toEqual({ '2027-09-14': 1, '2027-09-15': 1 });
    await t.http.delete(`/api/v1/posts/${second}`).set(as(owner, workspaceId)).expect(204);
    expect(await of()).toEqual({ '2027-09-15': 1 });
    // 01:30 in Paris on the 15th is 19:30 on the 14th in New York.
    await schedule('Early', day.plus({ days: 1, hours: 1, minutes: 30 }));
    expect(await of()).toEqual({ '2027-09-15': 2 });
    await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner, workspaceId))
      .send({ timeZone: 'America/New_York' })
      .expect(200);
    const body = await days(day, day.plus({ days: 2 }));
    expect(body.timeZone).toBe('America/New_York');
    expect(totals(body)).toEqual({ '2027-09-14': 1, '2027-09-15': 1 });
    await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner, workspaceId))
      .send({ timeZone: PARIS })
      .expect(200);
  });

  it('shows a post published through the engine under its state, on its day', async () => {
    const tick = new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 500 });
    const publisher = t.app.get(Publisher);
    const soon = DateTime.now().setZone(PARIS).plus({ seconds: 30 });
    await schedule('Goes out now', soon);
    const today = soon.startOf('day');
    const before = (await days(today, today.plus({ days: 2 }))).days.find((d) => d.date === today.toISODate())!;
    expect(before.counts).toEqual({ scheduled: 1 });
    await tick.run();
    for (const job of await publisher.claim(100, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    const after = (await days(today, today.plus({ days: 2 }))).days.find((d) => d.date === today.toISODate())!;
    expect(after.counts).toEqual({ published: 1 });
    expect(after.entries.map((e) => [e.title, e.state])).toEqual([['Goes out now', 'published']]);
  });

  it("warns of a day near an account's quota as the full list does", async () => {
    const day = DateTime.fromISO('2027-10-05T00:00', { zone: PARIS });
    // The Sandbox allows 25 a day; 20 is 80 %.
    for (let i = 0; i < 20; i++) await schedule(`Busy ${i}`, day.plus({ hours: 8, minutes: i * 10 }));
    const range = (await api.get(`/calendar?from=${day.toUTC().toISO()}&to=${day.plus({ days: 1 }).toUTC().toISO()}`))
      .body;
    const body = (
      await api.get(`/calendar/days?from=${day.toUTC().toISO()}&to=${day.plus({ days: 1 }).toUTC().toISO()}`)
    ).body;
    expect(body.quotaWarnings).toEqual([
      { date: '2027-10-05', accountId: account, quota: expect.any(String), count: 20, max: 25 },
    ]);
    expect(body.quotaWarnings).toEqual(range.quotaWarnings);
  });

  it('narrows a 62-day range to many accounts, over several statements where the database bounds parameters', async () => {
    // 41 accounts are bound in each day's branch: SQL Server's 2,100 parameters take 36 such days a statement.
    for (let i = 0; i < 40; i++) await api.post('/accounts', { network: 'sandbox', name: `Brand ${i}` }).expect(201);
    const from = DateTime.fromISO('2027-04-20T00:00', { zone: PARIS });
    const all = await days(from, from.plus({ days: 62 }));
    expect(all.days.length).toBeGreaterThan(5);
    expect((await days(from, from.plus({ days: 62 }), '&network=sandbox')).days).toEqual(all.days);
  });

  it('refuses a range longer than 62 days and a perDay over 50, naming the field', async () => {
    const from = DateTime.fromISO('2027-01-01T00:00', { zone: PARIS });
    const long = await api.get(`/calendar/days?${range(from, from.plus({ days: 63 }))}`).expect(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const many = await api.get(`/calendar/days?${range(from, from.plus({ days: 7 }))}&perDay=51`).expect(400);
    expect(many.body.errors).toEqual([expect.objectContaining({ field: 'perDay' })]);
  });
});
