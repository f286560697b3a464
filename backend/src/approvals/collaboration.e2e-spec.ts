import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

describe.each(DATABASE_KINDS)('approvals with clients, comments and mentions on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let postId: string;
  let accountId: string;
  const api = (user = owner) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(user, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(user, workspaceId)).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Agency');
    await addMember(t, owner, workspaceId, editor, 'editor');
    const account = await api().post('/accounts', { network: 'sandbox', name: 'Client brand' }).expect(201);
    accountId = account.body.id;
    postId = (
      await api()
        .post('/posts', { text: 'Big spring sale', variants: [{ accountId: account.body.id }] })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  it('lets a client without an account see the post, comment and approve through an expiring link', async () => {
    const approval = await api().post('/approvals', { postId, message: 'For the client' }).expect(201);
    const link = await api().post(`/approvals/${approval.body.id}/link`).expect(201);
    expect(new Date(link.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    const token = new URL(link.body.url).pathname.split('/').at(-1)!;

    const branding = { logoUrl: 'https://agency.example/logo.png', primaryColor: '#0f766e', accentColor: '#f59e0b' };
    await t.http.patch(`/api/v1/workspaces/${workspaceId}`).set(as(owner, workspaceId)).send({ branding }).expect(200);
    const seen = await t.http.get(`/api/v1/approval-links/${token}`).expect(200);
    expect(seen.body).toMatchObject({
      text: 'Big spring sale',
      status: 'pending',
      accounts: [{ name: 'Client brand', network: 'sandbox' }],
      comments: [],
      workspace: { name: 'Agency', branding },
    });
    const unnamed = await t.http.post(`/api/v1/approval-links/${token}/comments`).send({ text: 'hi' }).expect(400);
    expect(unnamed.body.errors[0].field).toBe('name');
    await t.http
      .post(`/api/v1/approval-links/${token}/comments`)
      .send({ name: 'Cleo Client', text: 'Love it' })
      .expect(201);
    await t.http.post(`/api/v1/approval-links/${token}/approve`).send({ name: 'Cleo Client' }).expect(200);
    await t.http.post(`/api/v1/approval-links/${token}/approve`).send({ name: 'Cleo Client' }).expect(409);

    const after = await t.http.get(`/api/v1/approval-links/${token}`).expect(200);
    expect(after.body).toMatchObject({ status: 'approved', reason: '— Cleo Client (client)' });
    expect(after.body.comments).toEqual([
      expect.objectContaining({ authorName: 'Cleo Client', byClient: true, text: 'Love it' }),
    ]);
    expect((await api().get(`/posts/${postId}`).expect(200)).body.state).toBe('draft');
    await t.http.get('/api/v1/approval-links/not-a-token').expect(404);
  });

  it('opens an approval request when the board moves a draft into "Pending approval", and withdraws it when moved out', async () => {
    const draft = (
      await api()
        .post('/posts', { text: 'Board draft', variants: [{ accountId }] })
        .expect(201)
    ).body.id;
    const pendingFor = async (id: string) =>
      (await api().get('/approvals').expect(200)).body.items.filter((a: { postId: string }) => a.postId === id);

    const moved = await api(editor).post(`/posts/${draft}/move`, { to: 'pending_approval' }).expect(200);
    expect(moved.body.state).toBe('pending_approval');
    const [asked, ...more] = await pendingFor(draft);
    expect(more).toEqual([]);
    expect(asked).toMatchObject({ status: 'pending', text: 'Board draft', requestedBy: editor.id });

    const back = await api(editor).post(`/posts/${draft}/move`, { to: 'draft' }).expect(200);
    expect(back.body.state).toBe('draft');
    expect(await pendingFor(draft)).toEqual([]);
    const withdrawn = (await api().get('/approvals?state=withdrawn').expect(200)).body.items;
    expect(withdrawn).toEqual([expect.objectContaining({ id: asked.id, decidedBy: editor.id })]);
    await api().post(`/approvals/${asked.id}/approve`).expect(409);

    await api().post(`/posts/${draft}/move`, { to: 'pending_approval' }).expect(200);
    expect(await pendingFor(draft)).toHaveLength(1);
    const refused = await api().post(`/posts/${draft}/move`, { to: 'scheduled' }).expect(400);
    expect(refused.body.code).toBe('INVALID_SCHEDULE');
    expect(await pendingFor(draft)).toHaveLength(1);
    await t.http
      .put(`/api/v1/accounts/${accountId}/queue-slots`)
      .set(as(owner, workspaceId))
      .send({ slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, localTime: '09:00' })) })
      .expect(200);
    const queued = await api().post(`/posts/${draft}/move`, { to: 'scheduled' }).expect(200);
    expect(queued.body.state).toBe('scheduled');
    expect(await pendingFor(draft)).toEqual([]);
  });

  it('asks once when a draft is sent for approval through the API', async () => {
    const draft = (
      await api()
        .post('/posts', { text: 'API draft', variants: [{ accountId }] })
        .expect(201)
    ).body.id;
    await api().post('/approvals', { postId: draft }).expect(201);
    expect((await api().get(`/posts/${draft}`).expect(200)).body.state).toBe('pending_approval');
    const open = (await api().get('/approvals').expect(200)).body.items.filter(
      (a: { postId: string }) => a.postId === draft,
    );
    expect(open).toHaveLength(1);
  });

  it('refuses an expired link', async () => {
    const approval = await api().post('/approvals', { postId }).expect(201);
    const link = await api().post(`/approvals/${approval.body.id}/link`).expect(201);
    await t.db
      .getRepository('ApprovalLink')
      .update({ approvalId: approval.body.id }, { expiresAt: new Date(Date.now() - 1000) });
    const token = new URL(link.body.url).pathname.split('/').at(-1)!;
    const res = await t.http.get(`/api/v1/approval-links/${token}`).expect(404);
    expect(res.body.detail ?? res.body.title).toContain('expired');
  });

  it('notifies members @mentioned in a comment, live on their bell', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const controller = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
      headers: as(editor, workspaceId),
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const nextEvent = async () => {
      let text = '';
      while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
      return JSON.parse(text.split('data: ')[1].split('\n')[0]) as { unread: number; latest: { title: string } | null };
    };
    // Earlier tests of this suite may have told the team things (approval requests): count from here.
    const before = (await nextEvent()).unread;
    const ownerBefore = (await api().get('/notifications').expect(200)).body.unread;

    const editorHandle = editor.email.split('@')[0];
    const comment = await api()
      .post(`/posts/${postId}/comments`, { text: `@${editorHandle} can you check the date? @nobody` })
      .expect(201);
    expect(comment.body).toMatchObject({ authorName: 'Test owner', byClient: false, mentions: ['Test editor'] });
    const live = await nextEvent();
    expect(live.unread).toBe(before + 1);
    expect(live.latest?.title).toBe('Test owner mentioned you');
    controller.abort();

    const list = await api(editor).get(`/posts/${postId}/comments`).expect(200);
    expect(list.body.items.map((c: { text: string }) => c.text)).toContain(
      `@${editorHandle} can you check the date? @nobody`,
    );
    // The author is not told of their own comment.
    expect((await api().get('/notifications').expect(200)).body.unread).toBe(ownerBefore);
  });
});
