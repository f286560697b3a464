import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { PostTemplate } from './post-template.entity';

describe.each(DATABASE_KINDS)('post templates on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let workspaceId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    viewer = await newUser(t, 'viewer');
    workspaceId = await newWorkspace(t, owner, 'Templates');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Demo' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const create = (body: object) => t.http.post('/api/v1/post-templates').set(as(owner, workspaceId)).send(body);

  it('keeps a post as a template: text, labels and per-account variants with media and link', async () => {
    const res = await create({
      name: '  Weekly menu ',
      title: 'Menu',
      text: 'This week: #soup',
      labels: ['menu', 'menu', 'food'],
      variants: [{ accountId, text: 'Sandbox only', link: 'https://example.com/menu', mediaIds: [] }],
    }).expect(201);
    expect(res.body).toMatchObject({
      name: 'Weekly menu',
      title: 'Menu',
      text: 'This week: #soup',
      labels: ['menu', 'food'],
      variants: [{ accountId, text: 'Sandbox only', link: 'https://example.com/menu', mediaIds: [] }],
    });
    const row = await t.db.getRepository(PostTemplate).findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({ workspaceId, name: 'Weekly menu', labels: ['menu', 'food'] });
    expect(
      (await t.http.get(`/api/v1/post-templates/${res.body.id}`).set(as(viewer, workspaceId)).expect(200)).body,
    ).toEqual(res.body);
  });

  it('names the field that is wrong', async () => {
    const res = await create({ name: ' ', text: 'x', variants: [{ accountId: 'nope', link: 'ftp://x' }] }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'variants.0.accountId', 'variants.0.link']));
    expect(await t.db.getRepository(PostTemplate).countBy({ workspaceId, name: '' })).toBe(0);
  });

  it('edits and deletes a template; a viewer can read but not change them', async () => {
    const { id } = (await create({ name: 'Launch', text: 'We launch soon' }).expect(201)).body;
    const edited = await t.http
      .patch(`/api/v1/post-templates/${id}`)
      .set(as(owner, workspaceId))
      .send({ text: 'We launch today', labels: ['launch'] })
      .expect(200);
    expect(edited.body).toMatchObject({ name: 'Launch', text: 'We launch today', labels: ['launch'], variants: [] });
    await t.http.patch(`/api/v1/post-templates/${id}`).set(as(viewer, workspaceId)).send({ text: 'x' }).expect(403);
    await t.http.delete(`/api/v1/post-templates/${id}`).set(as(viewer, workspaceId)).expect(403);
    await t.http.delete(`/api/v1/post-templates/${id}`).set(as(owner, workspaceId)).expect(204);
    await t.http.get(`/api/v1/post-templates/${id}`).set(as(owner, workspaceId)).expect(404);
    expect(await t.db.getRepository(PostTemplate).existsBy({ id })).toBe(false);
  });

  it('lists newest first, a page at a time', async () => {
    for (const name of ['A', 'B', 'C']) await create({ name, text: name }).expect(201);
    const first = await t.http.get('/api/v1/post-templates?limit=2').set(as(owner, workspaceId)).expect(200);
    expect(first.body.items.map((i: { name: string }) => i.name)).toEqual(['C', 'B']);
    const next = await t.http
      .get(`/api/v1/post-templates?limit=2&cursor=${first.body.nextCursor}`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(next.body.items.map((i: { name: string }) => i.name)).toEqual(['A', 'Weekly menu']);
    expect(next.body.nextCursor).toBeNull();
  });
});
