import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialAccount } from '../accounts/social-account.entity';
import { newId } from '../common/ids';
import { PublishJob } from '../publishing/publish-job.entity';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { publishedAtFirstTry } from '../testing/published-job';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { PostVariant } from './post-variant.entity';

const ZONE = 'Europe/Paris';

interface Entry {
  postId: string;
  accountId: string;
  network: string;
  state: string;
  repeat: boolean;
  mediaId: string | null;
}

/**
 * The calendar's filters (account, network, label, author, state, type), each narrowing one week
 * of a small workspace: posts by two members on two accounts (one of them an X account), with
 * labels, a failed attempt and a daily repeat. Another tenant's ids and names narrow to nothing.
 */
describe.each(DATABASE_KINDS)('calendar filters on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let stranger: TestUser;
  let workspaceId: string;
  let sandbox: string;
  let xAccount: string;
  let strangerAccount: string;
  const week = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 2 });
  const ids = { promo: '', news: '', both: '', daily: '', failed: '' };
  const mediaId = newId();

  const calendar = (query = '', user = owner, workspace = workspaceId) =>
    t.http
      .get(`/api/v1/calendar?from=${week.toUTC().toISO()}&to=${week.plus({ weeks: 1 }).toUTC().toISO()}${query}`)
      .set(as(user, workspace));
  const postsOf = async (query: string) => {
    const res = await calendar(query).expect(200);
    return new Set((res.body.entries as Entry[]).map((e) => e.postId));
  };
  const post = async (user: TestUser, body: object) =>
    (await t.http.post('/api/v1/posts').set(as(user, workspaceId)).send(body).expect(201)).body.id as string;
  const at = (day: number, hour: number) => week.plus({ days: day }).set({ hour }).toUTC().toISO();

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Filters', ZONE);
    await addMember(t, owner, workspaceId, editor, 'editor');
    const connect = async (user: TestUser, workspace: string, name: string) =>
      (await t.http.post('/api/v1/accounts').set(as(user, workspace)).send({ network: 'sandbox', name }).expect(201))
        .body.id as string;
    sandbox = await connect(owner, workspaceId, 'Demo');
    xAccount = await connect(owner, workspaceId, 'On X');
    ids.promo = await post(owner, {
      text: 'Promo',
      labels: ['promo'],
      variants: [{ accountId: sandbox }],
      schedule: { type: 'single', at: at(0, 9) },
    });
    ids.news = await post(editor, {
      text: 'News',
      labels: ['news'],
      variants: [{ accountId: xAccount }],
      schedule: { type: 'single', at: at(1, 10) },
    });
    ids.both = await post(owner, {
      text: 'Both accounts',
      variants: [{ accountId: sandbox }, { accountId: xAccount }],
      schedule: { type: 'single', at: at(2, 11) },
    });
    ids.daily = await post(editor, {
      text: 'Daily tip',
      labels: ['promo'],
      variants: [{ accountId: sandbox }],
      schedule: { type: 'recurring', at: at(0, 7), rrule: 'FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0' },
    });
    ids.failed = await post(owner, {
      text: 'Went wrong',
      variants: [{ accountId: sandbox }],
      schedule: { type: 'single', at: at(3, 8) },
    });
    // An X account is connected through OAuth in real life; its row says X as the OAuth callback writes it.
    await t.db.getRepository(SocialAccount).update({ id: xAccount }, { network: 'x' });
    await t.db.getRepository(PostVariant).update({ postId: ids.promo }, { mediaIds: [mediaId] });
    // A failed attempt, as the publisher leaves it: the variant failed, its job says so.
    const failed = await t.db.getRepository(PostVariant).findOneByOrFail({ postId: ids.failed });
    await t.db.getRepository(PostVariant).update({ id: failed.id }, { state: 'failed', lastError: 'refused' });
    await t.db.getRepository(PublishJob).insert({
      ...publishedAtFirstTry(new Date(at(3, 8)!)),
      id: newId(),
      workspaceId,
      postId: ids.failed,
      variantId: failed.id,
      accountId: sandbox,
      status: 'failed',
      publishedAt: null,
      errorCode: 'bad-request',
      errorMessage: 'refused',
      externalId: null,
    });
    // Another tenant with its own account, label and posts in the same week.
    stranger = await newUser(t, 'stranger');
    const elsewhere = await newWorkspace(t, stranger, 'Elsewhere', ZONE);
    strangerAccount = await connect(stranger, elsewhere, 'Theirs');
    await t.http
      .post('/api/v1/posts')
      .set(as(stranger, elsewhere))
      .send({
        text: 'Their secret',
        labels: ['secret'],
        variants: [{ accountId: strangerAccount }],
        schedule: { type: 'single', at: at(0, 9) },
      })
      .expect(201);
  });
  afterAll(() => t?.close());

  it('shows every post of the week without filters, with its network and media', async () => {
    const res = await calendar().expect(200);
    const entries = res.body.entries as Entry[];
    expect(new Set(entries.map((e) => e.postId))).toEqual(new Set(Object.values(ids)));
    expect(entries.filter((e) => e.postId === ids.daily)).toHaveLength(7);
    expect(entries.find((e) => e.postId === ids.promo)).toMatchObject({ network: 'sandbox', mediaId });
    expect(entries.find((e) => e.postId === ids.news)).toMatchObject({ network: 'x', mediaId: null });
    expect(entries.find((e) => e.postId === ids.failed)).toMatchObject({ state: 'failed', repeat: false });
  });

  it('narrows by account and by network', async () => {
    expect(await postsOf(`&account=${xAccount}`)).toEqual(new Set([ids.news, ids.both]));
    expect(await postsOf('&network=x')).toEqual(new Set([ids.news, ids.both]));
    expect(await postsOf('&network=sandbox')).toEqual(new Set([ids.promo, ids.both, ids.daily, ids.failed]));
    const onX = (await calendar('&network=x').expect(200)).body.entries as Entry[];
    expect(onX.every((e) => e.accountId === xAccount)).toBe(true);
    expect(await postsOf('&network=linkedin')).toEqual(new Set());
    expect(await postsOf(`&account=${sandbox}&network=x`)).toEqual(new Set());
  });

  it('narrows by label, author, state and type, and by several at once', async () => {
    expect(await postsOf('&label=promo')).toEqual(new Set([ids.promo, ids.daily]));
    expect(await postsOf('&label=news')).toEqual(new Set([ids.news]));
    expect(await postsOf('&label=unused')).toEqual(new Set());
    expect(await postsOf(`&author=${editor.id}`)).toEqual(new Set([ids.news, ids.daily]));
    expect(await postsOf(`&author=${owner.id}`)).toEqual(new Set([ids.promo, ids.both, ids.failed]));
    expect(await postsOf('&state=failed')).toEqual(new Set([ids.failed]));
    expect(await postsOf('&state=scheduled')).toEqual(new Set([ids.promo, ids.news, ids.both, ids.daily]));
    expect(await postsOf('&state=published')).toEqual(new Set());
    expect(await postsOf('&type=status')).toEqual(new Set(Object.values(ids)));
    expect(await postsOf('&type=story')).toEqual(new Set());
    expect(await postsOf(`&label=promo&author=${editor.id}`)).toEqual(new Set([ids.daily]));
    expect(await postsOf(`&label=promo&author=${editor.id}&state=failed`)).toEqual(new Set());
  });

  it("narrows to nothing with another tenant's account, label or member, and never shows their posts", async () => {
    for (const query of [`&account=${strangerAccount}`, '&label=secret', `&author=${stranger.id}`]) {
      const res = await calendar(query).expect(200);
      expect(res.body.entries).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain('Their secret');
    }
    // Nor may they read ours, filtered or not.
    await calendar('&label=promo', stranger).expect(404);
  });

  it('lists the workspace labels by name for the filter, and only its own', async () => {
    const res = await t.http.get('/api/v1/labels').set(as(editor, workspaceId)).expect(200);
    expect(res.body).toEqual({
      items: [
        { name: 'news', color: expect.stringMatching(/^#[0-9a-f]{6}$/) },
        { name: 'promo', color: expect.stringMatching(/^#[0-9a-f]{6}$/) },
      ],
      nextCursor: null,
    });
    await t.http.get('/api/v1/labels').set(as(stranger, workspaceId)).expect(404);
  });

  it('names the field of a bad filter', async () => {
    for (const [query, field] of [
      ['&network=myspace', 'network'],
      ['&author=me', 'author'],
      [`&label=${'x'.repeat(51)}`, 'label'],
      ['&state=lost', 'state'],
    ]) {
      const res = await calendar(query);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });
});
