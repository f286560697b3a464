import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../jobs/background-jobs';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { HashtagUse } from './hashtag-use.entity';
import { PostHashtag } from './post-hashtag.entity';

/** Suggestions come from the workspace's own posts, counted as they are saved (not by reading every post). */
describe.each(DATABASE_KINDS)('hashtag suggestions on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Bakery');
    otherWorkspaceId = await newWorkspace(t, owner, 'Other');
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Demo' })
        .expect(201)
    ).body.id;
    await t.app.get(BackgroundJobs).start();
  });
  afterAll(() => t?.close());

  const post = (text: string, variantText?: string) =>
    t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text, variants: [{ accountId, ...(variantText && { text: variantText }) }] })
      .expect(201);
  const suggest = async (query: string, ws = workspaceId) =>
    (await t.http.get(`/api/v1/hashtags/suggestions?${query}`).set(as(owner, ws)).expect(200)).body.items as Array<{
      tag: string;
      uses: number;
    }>;
  const uses = async (tag: string) => (await t.db.getRepository(HashtagUse).findOneBy({ workspaceId, tag }))?.uses ?? 0;

  it('counts each post’s hashtags once, its variants’ included, as it is saved', async () => {
    await post('Fresh #Bread and #bread again, and #Sourdough', 'Sandbox: #BreadLovers #sourdough');
    await post('More #bread today');
    expect(await uses('bread')).toBe(2);
    expect(await uses('sourdough')).toBe(1);
    expect(await uses('breadlovers')).toBe(1);
  });

  it('suggests by prefix, most used first, as the workspace last wrote them', async () => {
    expect((await suggest('q=%23bre')).map((s) => s.tag)).toEqual(['#bread', '#BreadLovers']);
    expect((await suggest('q=sour'))[0]).toMatchObject({ tag: '#sourdough', uses: 1 });
    expect(await suggest('q=bre', otherWorkspaceId)).toEqual([]);
    expect(await suggest('q=%25')).toEqual([]);
  });

  it('suggests for a text’s meaningful words, leaving out tags it already has', async () => {
    expect(
      (await suggest(`text=${encodeURIComponent('Our sourdough is back #bread, five loaves')}`)).map((s) => s.tag),
    ).toEqual(['#sourdough']);
    const favourites = (await suggest('')).map((s) => s.tag);
    expect(favourites[0]).toBe('#bread');
    expect(favourites).toEqual(expect.arrayContaining(['#sourdough', '#BreadLovers']));
  });

  it('follows edits and deletions: a tag no post uses is no longer suggested', async () => {
    const { id } = (await post('Croissants #pastry')).body;
    expect(await uses('pastry')).toBe(1);
    await t.http
      .patch(`/api/v1/posts/${id}`)
      .set(as(owner, workspaceId))
      .send({ text: 'Croissants #Viennoiserie' })
      .expect(200);
    expect(await uses('pastry')).toBe(0);
    expect(await uses('viennoiserie')).toBe(1);
    await t.http.patch(`/api/v1/posts/${id}`).set(as(owner, workspaceId)).send({ title: 'Same text' }).expect(200);
    expect(await uses('viennoiserie')).toBe(1);
    await t.http.delete(`/api/v1/posts/${id}`).set(as(owner, workspaceId)).expect(204);
    expect(await uses('viennoiserie')).toBe(0);
    expect(await t.db.getRepository(PostHashtag).countBy({ postId: id })).toBe(0);
    expect(await suggest('q=vien')).toEqual([]);
  });

  it('counts imported posts too (one event per batch)', async () => {
    const csv = ['text,accounts', 'Imported #bread and #Rye,Demo', 'Another #rye,Demo'].join('\n');
    const res = await t.http
      .post('/api/v1/posts/import')
      .set(as(owner, workspaceId))
      .attach('file', Buffer.from(csv), 'posts.csv')
      .expect(202);
    await expect
      .poll(async () => (await t.http.get(`/api/v1/jobs/${res.body.job_id}`).set(as(owner, workspaceId))).body.status, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe('completed');
    expect(await uses('rye')).toBe(2);
    expect(await uses('bread')).toBe(3);
    expect((await suggest('q=ry'))[0]).toMatchObject({ tag: '#rye', uses: 2 });
  });

  it('refuses a bad limit, naming it', async () => {
    const res = await t.http.get('/api/v1/hashtags/suggestions?limit=0').set(as(owner, workspaceId)).expect(400);
    expect(res.body.errors[0].field).toBe('limit');
  });
});
