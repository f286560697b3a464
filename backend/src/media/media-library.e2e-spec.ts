import sharp from 'sharp';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { MEDIA_STORE } from './media-store.provider';
import type { BlobStore } from './storage/blob-store';
import { pngOf } from '../testing/images';

const png = (width: number, height: number) => pngOf(width, height, { r: 30, g: 120, b: 200 });

describe.each(DATABASE_KINDS)('the media library over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Library Inc');
    await addMember(t, owner, workspaceId, editor, 'editor');
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Pics' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const upload = async (name: string, user = owner, ws = workspaceId, data?: Buffer) =>
    (
      await t.http
        .post('/api/v1/media')
        .set(as(user, ws))
        .attach('file', data ?? (await png(64, 48)), name)
        .expect(201)
    ).body as { id: string; fileName: string };
  const get = (path: string, user = owner, ws = workspaceId) => t.http.get(`/api/v1${path}`).set(as(user, ws));
  const patch = (path: string, body: object, user = owner) =>
    t.http.patch(`/api/v1${path}`).set(as(user, workspaceId)).send(body);
  const post = (path: string, body: object, user = owner, ws = workspaceId) =>
    t.http.post(`/api/v1${path}`).set(as(user, ws)).send(body);
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);
  const store = () => t.app.get<BlobStore>(MEDIA_STORE);

  describe('the grid', () => {
    let beach: { id: string };
    let mountain: { id: string };
    let byEditor: { id: string };
    let folderId: string;

    beforeAll(async () => {
      beach = await upload('Beach-Day.png');
      mountain = await upload('mountain.png');
      byEditor = await upload('team_photo%.png', editor);
      folderId = (await post('/media-folders', { name: 'Summer' }).expect(201)).body.id;
      await patch(`/media/${beach.id}`, { tags: ['summer', 'travel'], favourite: true, folderId }).expect(200);
      await patch(`/media/${mountain.id}`, { tags: ['travel'] }).expect(200);
    });

    it('lists newest first with every field of an item', async () => {
      const res = await get('/media?limit=200').expect(200);
      const listed = ids(res);
      expect(listed.indexOf(byEditor.id)).toBeLessThan(listed.indexOf(mountain.id));
      expect(listed.indexOf(mountain.id)).toBeLessThan(listed.indexOf(beach.id));
      const item = res.body.items.find((i: { id: string }) => i.id === beach.id);
      expect(item).toMatchObject({
        fileName: 'Beach-Day.png',
        kind: 'image',
        width: 64,
        height: 48,
        folderId,
        tags: ['summer', 'travel'],
        favourite: true,
        uploadedBy: { id: owner.id, name: owner.name },
        derivedFromId: null,
      });
      expect(item.url).toContain('/media/');
      expect(item.thumbnailUrl).toContain('thumbnail.jpg');
    });

    it('pages by cursor without repeating or skipping', async () => {
      const all = ids(await get('/media?limit=200').expect(200));
      const first = await get('/media?limit=2').expect(200);
      expect(ids(first)).toEqual(all.slice(0, 2));
      const second = await get(`/media?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(ids(second)).toEqual(all.slice(2, 4));
      const whole = await get(`/media?limit=${all.length}`).expect(200);
      expect(whole.body.nextCursor).toBeNull();
    });

    it.each([
      ['q', () => 'q=beach', () => [beach.id]],
      ['q with LIKE wildcards taken literally', () => 'q=o%25', () => [byEditor.id]],
      ['tag', () => 'tag=travel', () => [mountain.id, beach.id]],
      ['tag in any case', () => 'tag=Travel', () => [mountain.id, beach.id]],
      ['kind', () => 'kind=image', () => [byEditor.id, mountain.id, beach.id]],
      ['uploader', () => `uploadedBy=${editor.id}`, () => [byEditor.id]],
      ['folder', () => `folderId=${folderId}`, () => [beach.id]],
      ['root', () => 'folderId=root', () => [byEditor.id, mountain.id]],
      ['favourite', () => 'favourite=true', () => [beach.id]],
      ['tag and folder together', () => `tag=travel&folderId=root`, () => [mountain.id]],
    ])('filters by %s', async (_name, query, expected) => {
      const res = await get(`/media?limit=200&${query()}`).expect(200);
      const ours = [beach.id, mountain.id, byEditor.id];
      expect(ids(res).filter((id) => ours.includes(id))).toEqual(expected());
    });

    it('filters by upload date', async () => {
      const hourAgo = new Date(Date.now() - 3600_000).toISOString();
      const inAnHour = new Date(Date.now() + 3600_000).toISOString();
      expect(ids(await get(`/media?from=${hourAgo}&to=${inAnHour}&limit=200`).expect(200))).toContain(beach.id);
      expect(ids(await get(`/media?from=${inAnHour}`).expect(200))).toEqual([]);
      expect(ids(await get(`/media?to=${hourAgo}`).expect(200))).toEqual([]);
    });

    it.each([
      ['limit=201', 'limit'],
      ['kind=audio', 'kind'],
      ['folderId=nope', 'folderId'],
      ['from=yesterday', 'from'],
      ['uploadedBy=me', 'uploadedBy'],
      ['favourite=maybe', 'favourite'],
    ])('refuses %s naming the field', async (query, field) => {
      const res = await get(`/media?${query}`).expect(400);
      expect(res.body.errors[0].field).toBe(field);
    });

    it('counts tags, most used first', async () => {
      const res = await get('/media-tags').expect(200);
      expect(res.body.items).toEqual([
        { tag: 'travel', count: 2 },
        { tag: 'summer', count: 1 },
      ]);
    });
  });

  describe('organising', () => {
    it('renames, re-tags, stars and files an item, and keeps it', async () => {
      const item = await upload('raw.png');
      const folder = (await post('/media-folders', { name: 'Renamed' }).expect(201)).body.id;
      const res = await patch(`/media/${item.id}`, {
        fileName: ' hero.png ',
        tags: [' Launch ', 'launch', 'hero'],
        favourite: true,
        folderId: folder,
      }).expect(200);
      expect(res.body).toMatchObject({
        fileName: 'hero.png',
        tags: ['hero', 'launch'],
        favourite: true,
        folderId: folder,
      });
      const again = await patch(`/media/${item.id}`, { tags: [], folderId: null, favourite: false }).expect(200);
      expect(again.body).toMatchObject({ fileName: 'hero.png', tags: [], favourite: false, folderId: null });
      const row = await t.db.getRepository('MediaItem').findOneByOrFail({ id: item.id });
      expect(row).toMatchObject({ fileName: 'hero.png', favourite: false, folderId: null });
    });

    it('uploads straight into a folder (a drop on the folder shown), and refuses one of no one', async () => {
      const folder = (await post('/media-folders', { name: 'Drops' }).expect(201)).body.id;
      const dropped = await t.http
        .post(`/api/v1/media?folderId=${folder}`)
        .set(as(owner, workspaceId))
        .attach('file', await png(10, 10), 'dropped.png')
        .expect(201);
      expect(dropped.body.folderId).toBe(folder);
      expect(ids(await get(`/media?folderId=${folder}`).expect(200))).toEqual([dropped.body.id]);
      const nowhere = await t.http
        .post('/api/v1/media?folderId=0190a000-0000-7000-8000-000000000000')
        .set(as(owner, workspaceId))
        .attach('file', await png(10, 10), 'lost.png')
        .expect(422);
      expect(nowhere.body.errors[0].field).toBe('folderId');
    });

    it('refuses a folder of no one, a bad name, and a viewer', async () => {
      const item = await upload('x.png');
      const missing = await patch(`/media/${item.id}`, { folderId: '0190a000-0000-7000-8000-000000000000' }).expect(
        422,
      );
      expect(missing.body.errors[0].field).toBe('folderId');
      const blank = await patch(`/media/${item.id}`, { fileName: '   ' }).expect(400);
      expect(blank.body.errors[0].field).toBe('fileName');
      const slash = await patch(`/media/${item.id}`, { fileName: 'a/b.png' }).expect(400);
      expect(slash.body.errors[0].field).toBe('fileName');
      const tooLong = await patch(`/media/${item.id}`, { tags: ['x'.repeat(51)] }).expect(400);
      expect(tooLong.body.errors[0].field).toBe('tags');
      const viewer = await newUser(t, 'viewer');
      await addMember(t, owner, workspaceId, viewer, 'viewer');
      await get(`/media/${item.id}`, viewer).expect(200);
      await patch(`/media/${item.id}`, { favourite: true }, viewer).expect(403);
      await t.http.delete(`/api/v1/media/${item.id}`).set(as(viewer, workspaceId)).expect(403);
    });

    it('keeps folders as a tree: counts, unique names beside each other, no loops, deleting moves things up', async () => {
      const top = (await post('/media-folders', { name: 'Campaigns' }).expect(201)).body;
      expect(top).toMatchObject({ name: 'Campaigns', parentId: null, itemCount: 0 });
      const child = (await post('/media-folders', { name: 'Spring', parentId: top.id }).expect(201)).body;
      const clash = await post('/media-folders', { name: 'spring', parentId: top.id }).expect(409);
      expect(clash.body.errors[0].field).toBe('name');
      await post('/media-folders', { name: 'Spring' }).expect(201); // another parent: allowed
      const loop = await patch(`/media-folders/${top.id}`, { parentId: child.id }).expect(422);
      expect(loop.body.errors[0].field).toBe('parentId');
      await patch(`/media-folders/${top.id}`, { parentId: top.id }).expect(422);
      const noParent = await post('/media-folders', { name: 'Lost', parentId: '0190a000-0000-7000-8000-000000000000' });
      expect(noParent.status).toBe(422);
      expect(noParent.body.errors[0].field).toBe('parentId');
      await post('/media-folders', { name: '   ' }).expect(400);

      const item = await upload('in-campaign.png');
      await patch(`/media/${item.id}`, { folderId: top.id }).expect(200);
      const renamed = await patch(`/media-folders/${top.id}`, { name: 'Campaigns 2026' }).expect(200);
      expect(renamed.body).toMatchObject({ name: 'Campaigns 2026', itemCount: 1 });
      const listed = (await get('/media-folders').expect(200)).body.items;
      expect(listed.find((f: { id: string }) => f.id === top.id)).toMatchObject({ itemCount: 1 });
      expect(listed.find((f: { id: string }) => f.id === child.id)).toMatchObject({ parentId: top.id });

      await t.http.delete(`/api/v1/media-folders/${top.id}`).set(as(owner, workspaceId)).expect(204);
      expect((await get(`/media/${item.id}`).expect(200)).body.folderId).toBeNull();
      const after = (await get('/media-folders').expect(200)).body.items;
      expect(after.map((f: { id: string }) => f.id)).not.toContain(top.id);
      expect(after.find((f: { id: string }) => f.id === child.id)).toMatchObject({ parentId: null });
      await patch(`/media-folders/${top.id}`, { name: 'gone' }).expect(404);
    });
  });

  describe('usage and deleting', () => {
    const newPost = (mediaId: string, scheduled: boolean) =>
      post('/posts', {
        text: scheduled ? 'Launch day is here' : 'A draft about the launch',
        variants: [{ accountId, mediaIds: [mediaId] }],
        ...(scheduled && {
          schedule: { type: 'single', at: new Date(Date.now() + 86_400_000).toISOString() },
        }),
      }).expect(201);

    it('shows the posts that use an item, and refuses to delete it while one is scheduled', async () => {
      const item = await upload('launch.png');
      const scheduled = (await newPost(item.id, true)).body;
      const draft = (await newPost(item.id, false)).body;
      const detail = await get(`/media/${item.id}`).expect(200);
      expect(detail.body.usage).toEqual(
        expect.arrayContaining([
          { postId: scheduled.id, excerpt: 'Launch day is here', state: 'scheduled', scheduledAt: expect.any(String) },
          { postId: draft.id, excerpt: 'A draft about the launch', state: 'draft', scheduledAt: null },
        ]),
      );
      for (const confirm of ['', '?confirm=true']) {
        const res = await t.http.delete(`/api/v1/media/${item.id}${confirm}`).set(as(owner, workspaceId)).expect(409);
        expect(res.body.code).toBe('MEDIA_IN_USE');
        expect(res.body.posts).toEqual([expect.objectContaining({ postId: scheduled.id, state: 'scheduled' })]);
      }
      expect(await store().exists(`media/${workspaceId}/${item.id}/original`)).toBe(true);
    });

    it('refuses to delete an item while its post waits for approval', async () => {
      const item = await upload('for-approval.png');
      const draft = (await newPost(item.id, false)).body;
      await post('/approvals', { postId: draft.id }).expect(201);
      const detail = await get(`/media/${item.id}`).expect(200);
      expect(detail.body.usage).toEqual([expect.objectContaining({ postId: draft.id, state: 'pending_approval' })]);
      const res = await t.http.delete(`/api/v1/media/${item.id}?confirm=true`).set(as(owner, workspaceId)).expect(409);
      expect(res.body).toMatchObject({
        code: 'MEDIA_IN_USE',
        posts: [{ postId: draft.id, state: 'pending_approval' }],
      });
    });

    it('asks before taking an item out of drafts, then removes it, its files, and its place in the drafts', async () => {
      const item = await upload('draft-only.png');
      const draft = (await newPost(item.id, false)).body;
      const asked = await t.http.delete(`/api/v1/media/${item.id}`).set(as(owner, workspaceId)).expect(409);
      expect(asked.body).toMatchObject({
        code: 'MEDIA_USED_BY_DRAFTS',
        posts: [{ postId: draft.id, state: 'draft', excerpt: 'A draft about the launch', scheduledAt: null }],
      });
      await t.http.delete(`/api/v1/media/${item.id}?confirm=true`).set(as(owner, workspaceId)).expect(204);
      await get(`/media/${item.id}`).expect(404);
      expect(await store().exists(`media/${workspaceId}/${item.id}/original`)).toBe(false);
      expect(await store().exists(`media/${workspaceId}/${item.id}/thumbnail.jpg`)).toBe(false);
      const after = await get(`/posts/${draft.id}`).expect(200);
      expect(after.body.variants[0].mediaIds).toEqual([]);
    });

    it('lets an item go once its post is published: what went out keeps its copy on the network', async () => {
      const item = await upload('sent.png');
      const sent = (
        await post('/posts', {
          text: 'Out already',
          variants: [{ accountId, mediaIds: [item.id] }],
          schedule: { type: 'single', at: new Date(Date.now() + 1000).toISOString() },
        }).expect(201)
      ).body;
      await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 10 }).run();
      const publisher = t.app.get(Publisher);
      for (const job of await publisher.claim(10, new Date(Date.now() + 60_000))) await publisher.attempt(job);
      expect((await get(`/media/${item.id}`).expect(200)).body.usage).toEqual([
        expect.objectContaining({ postId: sent.id, state: 'published' }),
      ]);
      await t.http.delete(`/api/v1/media/${item.id}`).set(as(owner, workspaceId)).expect(204);
      expect((await get(`/posts/${sent.id}`).expect(200)).body.state).toBe('published');
    });

    it('deletes an unused item at once, tags and all', async () => {
      const item = await upload('unused.png');
      await patch(`/media/${item.id}`, { tags: ['gone'] }).expect(200);
      await t.http.delete(`/api/v1/media/${item.id}`).set(as(editor, workspaceId)).expect(204);
      expect(await t.db.getRepository('MediaTag').countBy({ mediaId: item.id })).toBe(0);
      await t.http.delete(`/api/v1/media/${item.id}`).set(as(owner, workspaceId)).expect(404);
    });
  });

  describe('copying to another workspace', () => {
    it('copies into a workspace where the caller may upload, tags along, the original untouched', async () => {
      const other = await newWorkspace(t, owner, 'Sister brand');
      const item = await upload('shared.png');
      await patch(`/media/${item.id}`, { tags: ['brand'], favourite: true }).expect(200);
      const res = await post(`/media/${item.id}/copy`, { workspaceId: other }).expect(201);
      expect(res.body).toMatchObject({ fileName: 'shared.png', tags: ['brand'], favourite: false, folderId: null });
      expect(res.body.id).not.toBe(item.id);
      const there = await get(`/media/${res.body.id}`, owner, other).expect(200);
      expect(there.body).toMatchObject({ width: 64, height: 48, uploadedBy: { id: owner.id } });
      const copied = await t.http.get(new URL(there.body.url).pathname + new URL(there.body.url).search).expect(200);
      expect((await sharp(copied.body as Buffer).metadata()).width).toBe(64);
      await get(`/media/${res.body.id}`).expect(404); // not in the source workspace
      await get(`/media/${item.id}`).expect(200);
    });

    it('needs media:write in the target and membership there, without telling whether it exists', async () => {
      const item = await upload('private.png');
      const stranger = await newUser(t, 'stranger');
      const theirs = await newWorkspace(t, stranger, 'Not yours');
      const notMember = await post(`/media/${item.id}/copy`, { workspaceId: theirs }).expect(404);
      const nowhere = await post(`/media/${item.id}/copy`, { workspaceId: '0190a000-0000-7000-8000-000000000000' });
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.title).toBe(notMember.body.title);
      await addMember(t, stranger, theirs, owner, 'viewer');
      const readOnly = await post(`/media/${item.id}/copy`, { workspaceId: theirs }).expect(403);
      expect(readOnly.body.errors[0].field).toBe('workspaceId');
      const invalid = await post(`/media/${item.id}/copy`, { workspaceId: 'x' }).expect(400);
      expect(invalid.body.errors[0].field).toBe('workspaceId');
      expect(ids(await get('/media?limit=200', stranger, theirs).expect(200))).toEqual([]);
    });

    it('refuses a copy made with an API key: a key acts in its own workspace only', async () => {
      const item = await upload('by-key.png');
      const other = await newWorkspace(t, owner, 'Key target');
      const key = await post('/api-keys', { name: 'media', scopes: ['media:read', 'media:write'] }).expect(201);
      const res = await t.http
        .post(`/api/v1/media/${item.id}/copy`)
        .set({ Authorization: `Bearer ${key.body.key}` })
        .send({ workspaceId: other })
        .expect(404);
      expect(res.body.code).toBe('WORKSPACE_NOT_FOUND');
      expect(ids(await get('/media?limit=200', owner, other).expect(200))).toEqual([]);
    });

    it('lets a viewer here copy into a workspace where they are an editor', async () => {
      const item = await upload('for-viewer.png');
      const reader = await newUser(t, 'reader');
      await addMember(t, owner, workspaceId, reader, 'viewer');
      const theirs = await newWorkspace(t, reader, 'Reader Co');
      const res = await post(`/media/${item.id}/copy`, { workspaceId: theirs }, reader).expect(201);
      await get(`/media/${res.body.id}`, reader, theirs).expect(200);
    });
  });
});
