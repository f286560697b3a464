import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { HashtagGroup } from './hashtag-group.entity';

describe.each(DATABASE_KINDS)('hashtag groups on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    viewer = await newUser(t, 'viewer');
    workspaceId = await newWorkspace(t, owner, 'Tags');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
  });
  afterAll(() => t?.close());

  const create = (body: object) => t.http.post('/api/v1/hashtag-groups').set(as(owner, workspaceId)).send(body);

  it('saves hashtags under a name, each with its # and once', async () => {
    const res = await create({ name: 'Autumn', hashtags: ['autumn', '#Menu', ' #local', '#menu'] }).expect(201);
    expect(res.body).toMatchObject({ name: 'Autumn', hashtags: ['#autumn', '#Menu', '#local'] });
    const row = await t.db.getRepository(HashtagGroup).findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({ workspaceId, hashtags: ['#autumn', '#Menu', '#local'] });
  });

  it('refuses what is not a hashtag, and a name already used, naming the field', async () => {
    const bad = await create({ name: 'Bad', hashtags: ['#ok', 'two words', '#2027'] }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'hashtags', message: expect.stringContaining('must be hashtags') }]);
    const empty = await create({ name: 'Empty', hashtags: [] }).expect(400);
    expect(empty.body.errors[0].field).toBe('hashtags');
    const taken = await create({ name: 'Autumn', hashtags: ['#x'] }).expect(409);
    expect(taken.body.errors).toEqual([{ field: 'name', message: 'is already used by another hashtag group' }]);
    expect(await t.db.getRepository(HashtagGroup).countBy({ workspaceId })).toBe(1);
  });

  it('renames, changes and deletes a group; a viewer only reads', async () => {
    const { id } = (await create({ name: 'Launch', hashtags: ['#launch'] }).expect(201)).body;
    await t.http.patch(`/api/v1/hashtag-groups/${id}`).set(as(owner, workspaceId)).send({ name: 'Autumn' }).expect(409);
    const edited = await t.http
      .patch(`/api/v1/hashtag-groups/${id}`)
      .set(as(owner, workspaceId))
      .send({ name: 'Launch day', hashtags: ['launch', 'today'] })
      .expect(200);
    expect(edited.body).toMatchObject({ name: 'Launch day', hashtags: ['#launch', '#today'] });
    const list = await t.http.get('/api/v1/hashtag-groups').set(as(viewer, workspaceId)).expect(200);
    expect(list.body.items.map((g: { name: string }) => g.name)).toEqual(['Launch day', 'Autumn']);
    await t.http.delete(`/api/v1/hashtag-groups/${id}`).set(as(viewer, workspaceId)).expect(403);
    await t.http.delete(`/api/v1/hashtag-groups/${id}`).set(as(owner, workspaceId)).expect(204);
    await t.http.delete(`/api/v1/hashtag-groups/${id}`).set(as(owner, workspaceId)).expect(404);
    expect(await t.db.getRepository(HashtagGroup).existsBy({ id })).toBe(false);
  });
});
