import { DateTime } from 'luxon';
import { loadTemplates } from '@socialorchestrator/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../accounts/accounts.service';
import { Run } from '../automations/run.entity';
import { newId } from '../common/ids';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import type { HomeDto } from './home.dto';

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const steps = (home: HomeDto) => Object.fromEntries(home.checklist.items.map((i) => [i.step, i.done]));

describe.each(DATABASE_KINDS)('home page on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let otherOwner: TestUser;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Home Inc');
    await addMember(t, owner, workspaceId, editor, 'editor');
    otherOwner = await newUser(t, 'other');
    otherWorkspaceId = await newWorkspace(t, otherOwner, 'Elsewhere');
    // One attempt: a refused post fails at once instead of after backed-off retries.
    t.app.get(Publisher).retryPolicy = { maxAttempts: 1, baseMs: 1000, maxMs: 1000 };
  });
  afterAll(() => t?.close());

  const home = async (user: TestUser, ws = workspaceId): Promise<HomeDto> =>
    (await t.http.get('/api/v1/home').set(as(user, ws)).expect(200)).body;
  const api = (user: TestUser, ws = workspaceId) => ({
    post: (path: string, body: object) =>
      t.http
        .post(`/api/v1${path}`)
        .set(as(user, ws))
        .send(body as Record<string, unknown>),
    put: (path: string, body: object) =>
      t.http
        .put(`/api/v1${path}`)
        .set(as(user, ws))
        .send(body as Record<string, unknown>),
  });

  it('a new workspace: nothing listed, the checklist unticked', async () => {
    const h = await home(owner);
    expect(h.timeZone).toBeTruthy();
    expect(steps(h)).toEqual({
      connect_account: false,
      compose_post: false,
      set_queue_times: false,
      start_automation: false,
    });
    expect(h.checklist.complete).toBe(false);
    expect(h.upcoming).toEqual({ today: [], todayTotal: 0, thisWeek: [], thisWeekTotal: 0 });
    expect(h.failed).toEqual({ items: [], total: 0 });
    expect(h.approvals).toEqual({ items: [], total: 0 });
    expect(h.accounts).toEqual({ items: [], total: 0 });
    expect(h.automations).toEqual({ items: [], total: 0, failing: 0 });
  });

  it('ticks each step as the workspace does it, and lists what goes out, failed, waits and ran', async () => {
    const accountId = (await api(owner).post('/accounts', { network: 'sandbox', name: 'Main' }).expect(201)).body
      .id as string;
    expect(steps(await home(owner))).toMatchObject({ connect_account: true, compose_post: false });

    // Scheduled soon (today) and tomorrow (this week unless today ends the week).
    const soonAt = inMs(120_000);
    const soonPost = (
      await api(editor)
        .post('/posts', { text: 'Out soon', variants: [{ accountId }], schedule: { type: 'single', at: soonAt } })
        .expect(201)
    ).body.id as string;
    const tomorrowAt = inMs(26 * 3_600_000);
    await api(editor)
      .post('/posts', { text: 'Out tomorrow', variants: [{ accountId }], schedule: { type: 'single', at: tomorrowAt } })
      .expect(201);
    let h = await home(owner);
    expect(steps(h)).toMatchObject({ compose_post: true, set_queue_times: false });
    const endOfToday = DateTime.now().setZone(h.timeZone).endOf('day').toJSDate();
    const endOfWeek = DateTime.now().setZone(h.timeZone).endOf('week').toJSDate();
    if (new Date(soonAt) <= endOfToday) {
      expect(h.upcoming.today.map((e) => e.postId)).toEqual([soonPost]);
      expect(h.upcoming.todayTotal).toBe(1);
    }
    if (new Date(tomorrowAt) <= endOfWeek) {
      expect(h.upcoming.thisWeek.map((e) => e.title)).toContain('Out tomorrow');
    } else {
      expect(h.upcoming.thisWeek).toEqual([]);
    }

    await api(owner)
      .put(`/accounts/${accountId}/queue-slots`, { slots: [{ weekday: 1, localTime: '09:00' }] })
      .expect(200);
    expect(steps(await home(owner))).toMatchObject({ set_queue_times: true, start_automation: false });

    // A blank automation is not the step: starting one from a recipe template is.
    await api(owner).post('/automations', { name: 'From scratch' }).expect(201);
    expect(steps(await home(owner)).start_automation).toBe(false);
    const [template] = loadTemplates();
    await api(owner)
      .post(`/automation-templates/${template.id}/instantiate`, { inputs: template.sample.inputs })
      .expect(201);
    h = await home(owner);
    expect(steps(h).start_automation).toBe(true);
    expect(h.checklist.complete).toBe(true);

    // An editor's request waits for the owner, never for the editor who asked.
    await api(editor).post('/approvals', { postId: soonPost }).expect(201);
    h = await home(owner);
    expect(h.approvals!.total).toBe(1);
    expect(h.approvals!.items[0]).toMatchObject({ postId: soonPost, text: 'Out soon' });
    const editorsHome = await home(editor);
    expect(editorsHome.approvals?.total ?? 0).toBe(0);

    // An account the network signed out.
    await t.app.get(AccountsService).markReauthRequired(accountId, 'token revoked');
    h = await home(owner);
    expect(h.accounts).toMatchObject({ total: 1, items: [{ id: accountId, status: 'reauth_required' }] });
  });

  it("lists today's first ten in time order and counts them all, read by day", async () => {
    const accountId = (await api(owner).post('/accounts', { network: 'sandbox', name: 'Busy' }).expect(201)).body
      .id as string;
    const before = (await home(owner)).upcoming;
    const times = Array.from({ length: 12 }, (_, i) => inMs(180_000 + i * 60_000));
    for (const [i, at] of times.entries())
      await api(owner)
        .post('/posts', { text: `Busy ${i}`, variants: [{ accountId }], schedule: { type: 'single', at } })
        .expect(201);
    const after = (await home(owner)).upcoming;
    const { timeZone } = await home(owner);
    // Within a quarter of an hour of midnight in the workspace's zone they go out tomorrow: nothing to check today.
    if (new Date(times[11]) <= DateTime.now().setZone(timeZone).endOf('day').toJSDate()) {
      expect(after.todayTotal).toBe(before.todayTotal + 12);
      expect(after.today).toHaveLength(10);
      expect(after.today.map((e) => e.at)).toEqual(after.today.map((e) => e.at).sort());
    }
  });

  it('leaves out the sections a member may not see: a client sees no accounts or automations', async () => {
    const client = await newUser(t, 'client');
    await addMember(t, owner, workspaceId, client, 'client');
    const h = await home(client);
    expect(h.accounts).toBeNull();
    expect(h.automations).toBeNull();
    expect(h.approvals).not.toBeNull();
    expect(h.checklist.items).toHaveLength(4);
  });

  it('lists a failed post with its reason', async () => {
    const accountId = (await api(owner).post('/accounts', { network: 'sandbox', name: 'Down' }).expect(201)).body
      .id as string;
    await t.http
      .patch(`/api/v1/accounts/${accountId}`)
      .set(as(owner, workspaceId))
      .send({ settings: { failStatus: 500, failCount: 100 } })
      .expect(200);
    const postId = (
      await api(owner)
        .post('/posts', { text: 'Doomed', variants: [{ accountId }], schedule: { type: 'single', at: inMs(1500) } })
        .expect(201)
    ).body.id as string;
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 500 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(100, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    const h = await home(owner);
    expect(h.failed.total).toBe(1);
    expect(h.failed.items[0].id).toBe(postId);
    expect(h.failed.items[0].variants[0].lastError).toBeTruthy();
  });

  it('lists automations that ran, the last run failed first, and nothing of another workspace', async () => {
    const automation = (
      await api(owner)
        .post('/automations', {
          name: 'Hooked',
          graph: {
            nodes: [
              { id: 'hook', type: 'webhook-in', position: { x: 0, y: 0 }, config: {} },
              { id: 'draft', type: 'create-draft', position: { x: 1, y: 0 }, config: { text: 'x', accountIds: ['*'] } },
            ],
            edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'draft', port: 'in' } }],
          },
        })
        .expect(201)
    ).body.id as string;
    await t.http.post(`/api/v1/automations/${automation}/publish`).set(as(owner, workspaceId)).expect(200);
    await api(owner).post(`/automations/${automation}/test`, { nodeId: 'hook', payload: {} });
    // A second automation whose last run failed, an older one: it still comes first, counted as failing.
    const broken = (await api(owner).post('/automations', { name: 'Broken' }).expect(201)).body.id as string;
    await t.db.getRepository(Run).insert({
      id: newId(),
      workspaceId,
      automationId: broken,
      version: 1,
      status: 'failed',
      triggerNodeId: 'hook',
      input: {},
      error: 'the feed answered 500',
      startedAt: new Date(Date.now() - 3_600_000),
      finishedAt: new Date(Date.now() - 3_600_000),
    });
    const h = await home(owner);
    expect(h.automations!.items.map((a) => a.id)).toEqual([broken, automation]);
    expect(h.automations).toMatchObject({ total: 2, failing: 1 });

    const other = await home(otherOwner, otherWorkspaceId);
    expect(steps(other)).toEqual({
      connect_account: false,
      compose_post: false,
      set_queue_times: false,
      start_automation: false,
    });
    const text = JSON.stringify(other);
    for (const id of [workspaceId, automation, ...h.failed.items.map((p) => p.id)]) expect(text).not.toContain(id);
    expect(text).not.toContain('Out soon');
    // Not a member: someone else's workspace does not exist for them.
    await t.http.get('/api/v1/home').set(as(otherOwner, workspaceId)).expect(404);
  });

  it('gives a repeating post its rule, so the page can say "Every day at …"', async () => {
    const accountId = (await api(owner).post('/accounts', { network: 'sandbox', name: 'Daily' }).expect(201)).body
      .id as string;
    const first = DateTime.now().plus({ minutes: 5 }).setZone('UTC').startOf('minute');
    const rrule = `FREQ=DAILY;BYHOUR=${first.hour};BYMINUTE=${first.minute};BYSECOND=0`;
    const post = await api(owner)
      .post('/posts', {
        text: 'Daily tip',
        variants: [{ accountId }],
        schedule: { type: 'recurring', at: first.toISO(), rrule },
      })
      .expect(201);
    const h = await home(owner);
    const entries = [...h.upcoming.today, ...h.upcoming.thisWeek].filter((e) => e.postId === post.body.id);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries)
      expect(e.repeatRule).toMatchObject({ type: 'recurring', rrule: expect.stringContaining('FREQ=DAILY') });
  });
});
