import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityService } from './activity.service';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface Entry {
  action: string;
  actor: { name: string } | null;
  subject: { type: string; id: string; title: string | null; exists: boolean } | null;
  details: Record<string, unknown>;
}

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** The activity log carries what its sentences say: who, what (named as it is now) and whether it can be linked to. */
describe.each(DATABASE_KINDS)('activity log sentences on %s', (kind) => {
  let t: TestApp;
  let ana: TestUser;
  let workspaceId: string;
  let accountId: string;

  const api = () => ({
    get: (path: string) => t.http.get(path).set(as(ana, workspaceId)),
    post: (path: string, body: object) => t.http.post(path).set(as(ana, workspaceId)).send(body),
  });
  const entries = async (limit = 100): Promise<Entry[]> =>
    (await api().get(`/api/v1/activity?limit=${limit}`).expect(200)).body.items;
  const newPost = async (body: object): Promise<string> =>
    (
      await api()
        .post('/api/v1/posts', { variants: [{ accountId }], ...body })
        .expect(201)
    ).body.id;

  /** The SQL statements reading `table` while `run` goes, counted through TypeORM's logger (every driver reports each query). */
  async function readsOf(table: string, run: () => Promise<unknown>): Promise<number> {
    const logger = t.db.logger;
    const original = logger.logQuery.bind(logger);
    let reads = 0;
    logger.logQuery = (query, ...rest) => {
      if (/^\s*SELECT/i.test(query) && new RegExp(`FROM "${table}"`).test(query)) reads++;
      return original(query, ...rest);
    };
    try {
      await run();
    } finally {
      logger.logQuery = original;
    }
    return reads;
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    ana = await newUser(t, 'ana');
    workspaceId = await newWorkspace(t, ana, 'Sentences Co');
    accountId = (await api().post('/api/v1/accounts', { network: 'sandbox', name: 'Brand A' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  it('names the actor and the post, and keeps when a scheduled post first goes out', async () => {
    const at = inHours(5);
    const postId = await newPost({
      title: 'Summer sale',
      text: 'Everything half price',
      schedule: { type: 'single', at },
    });
    const scheduled = (await entries()).find((e) => e.action === 'post.scheduled' && e.subject?.id === postId)!;
    expect(scheduled.actor?.name).toBe(ana.name);
    expect(scheduled.subject).toEqual({ type: 'post', id: postId, title: 'Summer sale', exists: true });
    expect(scheduled.details['at']).toBe(at);
  });

  it('names a post by its title now, and by the title it had once it is deleted (no link then)', async () => {
    const postId = await newPost({ title: 'Draft name', text: 'Body' });
    await t.http.patch(`/api/v1/posts/${postId}`).set(as(ana, workspaceId)).send({ title: 'Final name' }).expect(200);
    let created = (await entries()).find((e) => e.action === 'post.created' && e.subject?.id === postId)!;
    expect(created.subject).toMatchObject({ title: 'Final name', exists: true });

    await t.http.delete(`/api/v1/posts/${postId}`).set(as(ana, workspaceId)).expect(204);
    created = (await entries()).find((e) => e.action === 'post.created' && e.subject?.id === postId)!;
    expect(created.subject).toEqual({ type: 'post', id: postId, title: 'Draft name', exists: false });
  });

  it('names a post without a title by the start of its text', async () => {
    const postId = await newPost({ text: 'Untitled thoughts about our autumn range' });
    const created = (await entries()).find((e) => e.subject?.id === postId)!;
    expect(created.subject?.title).toBe('Untitled thoughts about our autumn range');
  });

  it('names automations and accounts, each linked while it exists', async () => {
    const automationId = (await api().post('/api/v1/automations', { name: 'Blog to drafts' }).expect(201)).body.id;
    const log = await entries();
    expect(log.find((e) => e.action === 'automation.created')!.subject).toEqual({
      type: 'automation',
      id: automationId,
      title: 'Blog to drafts',
      exists: true,
    });
    expect(log.find((e) => e.action === 'account.connected')!.subject).toEqual({
      type: 'account',
      id: accountId,
      title: 'Brand A',
      exists: true,
    });
    // The workspace's own entry is about no row of another context.
    expect(log.find((e) => e.action === 'workspace.created')!.subject).toBeNull();
  });

  it("reads a page's posts and actors once each, however many entries name them", async () => {
    for (let i = 0; i < 12; i++) await newPost({ title: `Batch ${i}`, text: 'x' });
    let page: Entry[] = [];
    const postReads = await readsOf('posts', async () => (page = await entries(50)));
    expect(page.filter((e) => e.subject?.type === 'post').length).toBeGreaterThanOrEqual(12);
    expect(postReads).toBe(1);
    expect(await readsOf('users', () => entries(50))).toBe(1);
  });

  it("never names another workspace's post", async () => {
    const other = await newUser(t, 'other');
    const otherWorkspace = await newWorkspace(t, other, 'Elsewhere');
    const otherAccount = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(other, otherWorkspace))
        .send({ network: 'sandbox', name: 'Theirs' })
        .expect(201)
    ).body.id;
    const theirs = (
      await t.http
        .post('/api/v1/posts')
        .set(as(other, otherWorkspace))
        .send({ title: 'Secret plan', text: 'x', variants: [{ accountId: otherAccount }] })
        .expect(201)
    ).body.id;
    // An entry of this workspace pointing at that post (no route writes one; the lookup must not trust it).
    await t.app
      .get(ActivityService)
      .record(workspaceId, null, { action: 'post.updated', targetType: 'post', targetId: theirs });
    const pointing = (await entries()).find((e) => e.subject?.id === theirs)!;
    expect(pointing.subject).toEqual({ type: 'post', id: theirs, title: null, exists: false });
    expect(JSON.stringify(await entries())).not.toContain('Secret plan');
  });
});
