import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe.each(DATABASE_KINDS)('accounts and posts over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let sandboxA: string;
  let sandboxB: string;

  const post = (body: object) => t.http.post('/api/v1/posts').set(as(owner, workspaceId)).send(body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Posting Inc', 'America/New_York');
    const connect = (name: string) =>
      t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'sandbox', name }).expect(201);
    sandboxA = (await connect('Demo A')).body.id;
    sandboxB = (await connect('Demo B')).body.id;
  });
  afterAll(() => t?.close());

  it('connects Sandbox accounts, labelled as demo, with tokens sealed at rest', async () => {
    const list = await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['Demo A', 'Demo B']);
    expect(list.body.items[0]).toMatchObject({
      network: 'sandbox',
      networkLabel: 'Sandbox',
      demo: true,
      status: 'active',
    });
    const row = await t.db.getRepository('SocialAccount').findOneByOrFail({ id: sandboxA });
    expect(row.accessTokenSealed).toMatch(/^v1\./);
    expect(JSON.stringify(list.body)).not.toContain('sandbox-token');
  });

  it('refuses to connect an OAuth network directly and names the field', async () => {
    const res = await t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'x', name: 'X' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('network');
  });

  it('says which server setting a network needs before OAuth can start', async () => {
    const res = await t.http.post('/api/v1/accounts/oauth/facebook/start').set(as(owner, workspaceId)).send({});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('NETWORK_NOT_CONFIGURED');
  });

  it('creates a draft with one variant per account, each with its own text', async () => {
    const res = await post({
      text: 'Hello from the composer',
      labels: ['launch', 'q4'],
      variants: [{ accountId: sandboxA }, { accountId: sandboxB, text: 'Hello B' }],
    }).expect(201);
    expect(res.body).toMatchObject({ state: 'draft', labels: ['launch', 'q4'], schedule: null, nextRunAt: null });
    expect(res.body.variants.map((v: { text: string; state: string }) => [v.text, v.state])).toEqual([
      ['Hello from the composer', 'draft'],
      ['Hello B', 'draft'],
    ]);
  });

  it('schedules a single time and reports each variant and the next run', async () => {
    const at = inHours(2);
    const res = await post({
      text: 'Launch day',
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'single', at },
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('scheduled');
    expect(res.body.variants[0]).toMatchObject({ accountId: sandboxA, state: 'scheduled', scheduledAt: at });
    expect(res.body.nextRunAt).toBe(at);
  });

  it('refuses a schedule for a variant over its network limit, naming variant, field and limit', async () => {
    const res = await post({
      text: 'x'.repeat(501),
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'single', at: inHours(1) },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'variants[0].text', message: 'Demo A (Sandbox): is 501 characters; Sandbox allows 500' },
    ]);
  });

  it('keeps such a post as a draft, listing the problems for the composer', async () => {
    const res = await post({ text: 'y'.repeat(501), variants: [{ accountId: sandboxA }] }).expect(201);
    expect(res.body.variants[0].problems[0]).toMatchObject({ field: 'text', limit: 500 });
  });

  it('previews counts and problems per account without saving', async () => {
    const before = await t.db.getRepository('Post').count();
    const res = await t.http
      .post('/api/v1/posts/preview')
      .set(as(owner, workspaceId))
      .send({ text: 'z'.repeat(510), variants: [{ accountId: sandboxA }, { accountId: sandboxB, text: 'short' }] })
      .expect(200);
    expect(
      res.body.variants.map((v: { length: number; maxLength: number; problems: unknown[] }) => [
        v.length,
        v.maxLength,
        v.problems.length,
      ]),
    ).toEqual([
      [510, 500, 1],
      [5, 500, 0],
    ]);
    expect(await t.db.getRepository('Post').count()).toBe(before);
  });

  it('names bad schedule fields', async () => {
    const past = await post({
      text: 'late',
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'single', at: inHours(-2) },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0]).toEqual({
      field: 'schedule.at',
      message: 'is in the past: choose a later time, or publish now',
    });
    const rule = await post({
      text: 'r',
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'recurring', rrule: 'FREQ=SOMETIMES' },
    });
    expect(rule.status).toBe(400);
    expect(rule.body.errors[0].field).toBe('schedule.rrule');
    const type = await post({ text: 't', variants: [{ accountId: sandboxA }], schedule: { type: 'whenever' } });
    expect(type.status).toBe(400);
    expect(type.body.errors[0].field).toBe('schedule.type');
    const stranger = await post({ text: 's', variants: [{ accountId: '0190e0e0-0000-7000-8000-000000000000' }] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0]).toEqual({
      field: 'variants[0].accountId',
      message: 'is not an account of this workspace',
    });
  });

  it('adds to the queue: each post takes the next free slot in the workspace time zone', async () => {
    await t.http
      .put(`/api/v1/accounts/${sandboxB}/queue-slots`)
      .set(as(owner, workspaceId))
      .send({
        slots: [
          { weekday: 1, localTime: '09:00' },
          { weekday: 4, localTime: '17:30' },
        ],
      })
      .expect(200);
    const first = await post({ text: 'q1', variants: [{ accountId: sandboxB }], schedule: { type: 'queue' } }).expect(
      201,
    );
    const second = await post({ text: 'q2', variants: [{ accountId: sandboxB }], schedule: { type: 'queue' } }).expect(
      201,
    );
    const times = [first, second].map((r) =>
      DateTime.fromISO(r.body.variants[0].scheduledAt, { zone: 'America/New_York' }),
    );
    expect(times[1] > times[0]).toBe(true);
    for (const time of times) expect([time.weekday, time.toFormat('HH:mm')]).toContainEqual(expect.anything());
    expect(
      times.map((d) => `${d.weekday} ${d.toFormat('HH:mm')}`).every((s) => ['1 09:00', '4 17:30'].includes(s)),
    ).toBe(true);
  });

  it('refuses the queue for an account without slots, naming the account', async () => {
    const res = await post({ text: 'q', variants: [{ accountId: sandboxA }], schedule: { type: 'queue' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'variants[0].accountId' });
    expect(res.body.errors[0].message).toContain('Demo A has no free queue slot');
  });

  it('schedules a recurring post at 09:00 in the workspace zone', async () => {
    const res = await post({
      text: 'Weekly tip',
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'recurring', rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0' },
    }).expect(201);
    const next = DateTime.fromISO(res.body.nextRunAt, { zone: 'America/New_York' });
    expect([next.weekday, next.toFormat('HH:mm')]).toEqual([1, '09:00']);
    expect(res.body.schedule).toMatchObject({ type: 'recurring', timeZone: 'America/New_York' });
  });

  it('refuses a schedule over the network quota, naming the quota', async () => {
    const quotaAccount = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Busy' })
        .expect(201)
    ).body.id;
    for (let i = 0; i < 25; i++) {
      await post({
        text: `busy ${i}`,
        variants: [{ accountId: quotaAccount }],
        schedule: { type: 'single', at: inHours(3 + i / 10) },
      }).expect(201);
    }
    const res = await post({
      text: 'one too many',
      variants: [{ accountId: quotaAccount }],
      schedule: { type: 'single', at: inHours(4) },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('QUOTA_EXCEEDED');
    expect(res.body.errors[0].message).toContain('Sandbox: 25 posts per account per 24 hours');
  });

  it('edits, reschedules, duplicates, moves back to draft and deletes', async () => {
    const created = await post({
      text: 'v1',
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'single', at: inHours(5) },
    }).expect(201);
    const id = created.body.id;
    const edited = await t.http
      .patch(`/api/v1/posts/${id}`)
      .set(as(owner, workspaceId))
      .send({ text: 'v2' })
      .expect(200);
    expect(edited.body).toMatchObject({ text: 'v2', state: 'scheduled' });
    expect(edited.body.variants[0].scheduledAt).toBe(created.body.variants[0].scheduledAt);
    const at = inHours(30);
    const moved = await t.http
      .post(`/api/v1/posts/${id}/reschedule`)
      .set(as(owner, workspaceId))
      .send({ schedule: { type: 'single', at } })
      .expect(200);
    expect(moved.body.variants[0].scheduledAt).toBe(at);
    const copy = await t.http.post(`/api/v1/posts/${id}/duplicate`).set(as(owner, workspaceId)).expect(201);
    expect(copy.body).toMatchObject({ text: 'v2', state: 'draft' });
    expect(copy.body.id).not.toBe(id);
    const draft = await t.http
      .post(`/api/v1/posts/${id}/move`)
      .set(as(owner, workspaceId))
      .send({ to: 'draft' })
      .expect(200);
    expect(draft.body).toMatchObject({ state: 'draft', schedule: null });
    expect(draft.body.variants[0]).toMatchObject({ state: 'draft', scheduledAt: null });
    await t.http.delete(`/api/v1/posts/${id}`).set(as(owner, workspaceId)).expect(204);
    await t.http.get(`/api/v1/posts/${id}`).set(as(owner, workspaceId)).expect(404);
  });

  it('lists with filters and keyset pagination', async () => {
    const label = `only-${kind}`;
    for (const text of ['f1', 'f2', 'f3'])
      await post({ text, labels: [label], variants: [{ accountId: sandboxB }] }).expect(201);
    const page1 = await t.http.get(`/api/v1/posts?label=${label}&limit=2`).set(as(owner, workspaceId)).expect(200);
    expect(page1.body.items.map((p: { text: string }) => p.text)).toEqual(['f3', 'f2']);
    const page2 = await t.http
      .get(`/api/v1/posts?label=${label}&limit=2&cursor=${page1.body.nextCursor}`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(page2.body.items.map((p: { text: string }) => p.text)).toEqual(['f1']);
    expect(page2.body.nextCursor).toBeNull();
    const scheduled = await t.http
      .get(`/api/v1/posts?state=scheduled&account=${sandboxA}`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(scheduled.body.items.length).toBeGreaterThan(0);
    expect(scheduled.body.items.every((p: { state: string }) => p.state === 'scheduled')).toBe(true);
    const bad = await t.http.get('/api/v1/posts?state=lost').set(as(owner, workspaceId));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('state');
  });

  it('shows a recurring post on the calendar at each occurrence, in the workspace zone', async () => {
    const created = await post({
      text: 'Daily standup note',
      variants: [{ accountId: sandboxA }],
      schedule: { type: 'recurring', rrule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=15;BYSECOND=0' },
    }).expect(201);
    const from = DateTime.now().setZone('America/New_York').startOf('day').plus({ days: 1 });
    const to = from.plus({ days: 7 });
    const res = await t.http
      .get(`/api/v1/calendar?from=${from.toUTC().toISO()}&to=${to.toUTC().toISO()}`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(res.body.timeZone).toBe('America/New_York');
    const mine = res.body.entries.filter((e: { postId: string }) => e.postId === created.body.id);
    expect(mine).toHaveLength(7);
    expect(
      mine.map((e: { at: string }) => DateTime.fromISO(e.at, { zone: 'America/New_York' }).toFormat('HH:mm')),
    ).toEqual(Array(7).fill('08:15'));
    const bad = await t.http.get('/api/v1/calendar?from=yesterday&to=2026-01-01T00:00:00Z').set(as(owner, workspaceId));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('marks days near an account quota on the calendar', async () => {
    const busy = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Near quota' })
        .expect(201)
    ).body.id;
    const day = DateTime.now().setZone('America/New_York').startOf('day').plus({ days: 3 });
    for (let i = 0; i < 21; i++) {
      const at = day.set({ hour: 10, minute: i }).toUTC().toISO();
      await post({ text: `near ${i}`, variants: [{ accountId: busy }], schedule: { type: 'single', at } }).expect(201);
    }
    const res = await t.http
      .get(`/api/v1/calendar?from=${day.toUTC().toISO()}&to=${day.plus({ days: 1 }).toUTC().toISO()}&account=${busy}`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(res.body.entries).toHaveLength(21);
    expect(res.body.quotaWarnings).toEqual([
      {
        date: day.toISODate(),
        accountId: busy,
        quota: 'Sandbox: 25 posts per account per 24 hours',
        count: 21,
        max: 25,
      },
    ]);
  });

  it('lays posts out on the board by state', async () => {
    const res = await t.http.get('/api/v1/board').set(as(owner, workspaceId)).expect(200);
    expect(res.body.columns.map((c: { state: string }) => c.state)).toEqual([
      'draft',
      'pending_approval',
      'scheduled',
      'publishing',
      'published',
      'failed',
    ]);
    const scheduled = res.body.columns.find((c: { state: string }) => c.state === 'scheduled');
    expect(scheduled.posts.length).toBeGreaterThan(0);
    expect(scheduled.posts.every((p: { state: string }) => p.state === 'scheduled')).toBe(true);
  });

  it('deletes an account without breaking the history of its posts', async () => {
    const gone = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Old' })
        .expect(201)
    ).body.id;
    const created = await post({ text: 'history', variants: [{ accountId: gone }] }).expect(201);
    await t.http.delete(`/api/v1/accounts/${gone}`).set(as(owner, workspaceId)).expect(204);
    const list = await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200);
    expect(list.body.items.some((a: { id: string }) => a.id === gone)).toBe(false);
    const kept = await t.http.get(`/api/v1/posts/${created.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(kept.body.variants[0].accountId).toBe(gone);
  });
});
