import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { Schedule } from '../scheduling/schedule.entity';
import { Approval } from './approval.entity';

/** A whole second, as the API writes times back. */
const inHours = (h: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + h * 3_600_000).toISOString();

/**
 * The approval policy: posts of some roles (or every post) wait in Pending approval before they are
 * scheduled; approving applies the schedule they were composed with, declining returns a draft with the note.
 */
describe.each(DATABASE_KINDS)('the approval policy on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let writer: TestUser;
  let stranger: TestUser;
  let workspaceId: string;
  let strangerWorkspace: string;
  let accountId: string;
  let copywriterRole: string;

  const policy = (body: { required: boolean; roles: string[] }) =>
    t.http.patch(`/api/v1/workspaces/${workspaceId}`).set(as(owner, workspaceId)).send({ approvalPolicy: body });

  const compose = (user: TestUser, at = inHours(5)) =>
    t.http
      .post('/api/v1/posts')
      .set(as(user, workspaceId))
      .send({ text: `Launch ${Math.random()}`, variants: [{ accountId }], schedule: { type: 'single', at } })
      .expect(201);

  const openRequest = async (postId: string) => {
    const list = await t.http.get('/api/v1/approvals?limit=100').set(as(owner, workspaceId)).expect(200);
    return list.body.items.find((a: { postId: string }) => a.postId === postId) as
      { id: string; heldSchedule: { type: string; at: string } | null } | undefined;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    writer = await newUser(t, 'writer');
    stranger = await newUser(t, 'stranger');
    workspaceId = await newWorkspace(t, owner, 'Held');
    strangerWorkspace = await newWorkspace(t, stranger, 'Elsewhere');
    await addMember(t, owner, workspaceId, editor, 'editor');
    copywriterRole = (
      await t.http
        .post('/api/v1/roles')
        .set(as(owner, workspaceId))
        .send({ name: 'Copywriter', permissions: ['workspace:read', 'posts:read', 'posts:write'] })
        .expect(201)
    ).body.id;
    await addMember(t, owner, workspaceId, writer, copywriterRole);
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Brand' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  it('is off by default: an Editor’s scheduled post is scheduled', async () => {
    const ws = await t.http.get(`/api/v1/workspaces/${workspaceId}`).set(as(owner, workspaceId)).expect(200);
    expect(ws.body.approvalPolicy).toEqual({ required: false, roles: [] });
    expect((await compose(editor)).body.state).toBe('scheduled');
  });

  it('refuses a role the workspace does not have, naming the field; an Editor cannot set it', async () => {
    const bad = await policy({ required: false, roles: ['editor', 'not-a-role'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('approvalPolicy.roles');
    const typed = await policy({ required: 'yes' as unknown as boolean, roles: [] });
    expect(typed.status).toBe(400);
    expect(typed.body.errors[0].field).toContain('approvalPolicy');
    const byEditor = await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(editor, workspaceId))
      .send({ approvalPolicy: { required: true, roles: [] } });
    expect(byEditor.status).toBe(403);
  });

  it('holds an Editor’s scheduled post with the schedule it was composed with; an Owner’s is scheduled', async () => {
    const set = await policy({ required: false, roles: ['editor'] });
    expect(set.status).toBe(200);
    expect(set.body.approvalPolicy).toEqual({ required: false, roles: ['editor'] });
    const at = inHours(6);
    const held = await compose(editor, at);
    expect(held.body).toMatchObject({ state: 'pending_approval', schedule: null, approval: { status: 'pending' } });
    expect(held.body.variants[0].scheduledAt).toBeNull();
    const request = await openRequest(held.body.id);
    expect(request?.heldSchedule).toMatchObject({ type: 'single', at });
    const ownPost = await compose(owner);
    expect(ownPost.body.state).toBe('scheduled');
    expect(await openRequest(ownPost.body.id)).toBeUndefined();
  });

  it('holds a draft the Editor schedules later, and does not let the Editor drag it to Scheduled', async () => {
    const draft = await t.http
      .post('/api/v1/posts')
      .set(as(editor, workspaceId))
      .send({ text: 'Later', variants: [{ accountId }] })
      .expect(201);
    const at = inHours(7);
    const scheduled = await t.http
      .patch(`/api/v1/posts/${draft.body.id}`)
      .set(as(editor, workspaceId))
      .send({ schedule: { type: 'single', at } })
      .expect(200);
    expect(scheduled.body.state).toBe('pending_approval');
    expect((await openRequest(draft.body.id))?.heldSchedule).toMatchObject({ at });
    const dragged = await t.http
      .post(`/api/v1/posts/${draft.body.id}/move`)
      .set(as(editor, workspaceId))
      .send({ to: 'scheduled' });
    expect(dragged.status).toBe(409);
    const still = await t.http.get(`/api/v1/posts/${draft.body.id}`).set(as(editor, workspaceId)).expect(200);
    expect(still.body.state).toBe('pending_approval');
  });

  it('the board works both ways: a drag into Pending approval asks, a drag out withdraws the held request', async () => {
    const draft = await t.http
      .post('/api/v1/posts')
      .set(as(editor, workspaceId))
      .send({ text: 'Dragged', variants: [{ accountId }] })
      .expect(201);
    const dragged = await t.http
      .post(`/api/v1/posts/${draft.body.id}/move`)
      .set(as(editor, workspaceId))
      .send({ to: 'pending_approval' })
      .expect(200);
    expect(dragged.body).toMatchObject({ state: 'pending_approval', approval: { status: 'pending' } });
    expect((await openRequest(draft.body.id))?.heldSchedule).toBeNull();
    const held = await compose(editor);
    const request = (await openRequest(held.body.id))!;
    const back = await t.http
      .post(`/api/v1/posts/${held.body.id}/move`)
      .set(as(owner, workspaceId))
      .send({ to: 'draft' })
      .expect(200);
    expect(back.body).toMatchObject({
      state: 'draft',
      schedule: null,
      approval: { id: request.id, status: 'withdrawn' },
    });
    expect(await openRequest(held.body.id)).toBeUndefined();
  });

  it('approving schedules the post as composed, exactly once, however many approve at the same time', async () => {
    const at = inHours(8);
    const post = await compose(editor, at);
    const request = (await openRequest(post.body.id))!;
    const own = await t.http.post(`/api/v1/approvals/${request.id}/approve`).set(as(editor, workspaceId)).send({});
    expect(own.status).toBe(403);
    const answers = await Promise.all(
      [0, 1, 2].map(() =>
        t.http.post(`/api/v1/approvals/${request.id}/approve`).set(as(owner, workspaceId)).send({ comment: 'Go' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ status: 'approved', scheduleProblem: null });
    const after = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(editor, workspaceId)).expect(200);
    expect(after.body).toMatchObject({ state: 'scheduled', schedule: { type: 'single', at }, nextRunAt: at });
    expect(after.body.variants[0]).toMatchObject({ state: 'scheduled', scheduledAt: at });
    expect(await t.db.getRepository(Schedule).countBy({ postId: post.body.id })).toBe(1);
    const activity = await t.http.get('/api/v1/activity?limit=100').set(as(owner, workspaceId)).expect(200);
    const actions = (activity.body.items as Array<{ action: string; targetId: string }>)
      .filter((a) => a.targetId === post.body.id)
      .map((a) => a.action);
    expect(actions.filter((a) => a === 'post.scheduled')).toHaveLength(1);
    expect(actions.filter((a) => a === 'post.approved')).toHaveLength(1);
  });

  it('a draft submitted for approval with a schedule is scheduled by its approval (the composer’s Submit)', async () => {
    const draft = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text: 'Submitted', variants: [{ accountId }] })
      .expect(201);
    const at = inHours(9);
    const asked = await t.http
      .post('/api/v1/approvals')
      .set(as(owner, workspaceId))
      .send({ postId: draft.body.id, message: 'Check the date', schedule: { type: 'single', at } })
      .expect(201);
    const waiting = await t.http.get(`/api/v1/posts/${draft.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(waiting.body).toMatchObject({
      state: 'pending_approval',
      approval: { id: asked.body.id, status: 'pending' },
    });
    await t.http.post(`/api/v1/approvals/${asked.body.id}/approve`).set(as(editor, workspaceId)).send({}).expect(200);
    const after = await t.http.get(`/api/v1/posts/${draft.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(after.body).toMatchObject({ state: 'scheduled', nextRunAt: at });
  });

  it('declining returns the post to its author as a draft with the note', async () => {
    const post = await compose(editor);
    const request = (await openRequest(post.body.id))!;
    await t.http
      .post(`/api/v1/approvals/${request.id}/decline`)
      .set(as(owner, workspaceId))
      .send({ reason: 'Wrong launch date' })
      .expect(200);
    const after = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(editor, workspaceId)).expect(200);
    expect(after.body).toMatchObject({
      state: 'draft',
      schedule: null,
      approval: { id: request.id, status: 'declined', reason: 'Wrong launch date' },
    });
    expect(after.body.variants[0].scheduledAt).toBeNull();
  });

  it('approving after the composed time passed says so and leaves a draft for the author to reschedule', async () => {
    const post = await compose(editor);
    const request = (await openRequest(post.body.id))!;
    const passed = inHours(-1);
    await t.db.getRepository(Approval).update(request.id, { heldSchedule: { type: 'single', at: passed } });
    const approved = await t.http
      .post(`/api/v1/approvals/${request.id}/approve`)
      .set(as(owner, workspaceId))
      .send({})
      .expect(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.scheduleProblem).toMatch(/passed/);
    const after = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(editor, workspaceId)).expect(200);
    expect(after.body).toMatchObject({ state: 'draft', schedule: null, approval: { status: 'approved' } });
  });

  it('holds a custom role’s posts when the policy names it, and every post when approval is required', async () => {
    expect((await compose(writer)).body.state).toBe('scheduled');
    await policy({ required: false, roles: ['editor', copywriterRole] }).expect(200);
    expect((await compose(writer)).body.state).toBe('pending_approval');
    expect((await compose(owner)).body.state).toBe('scheduled');
    await policy({ required: true, roles: [] }).expect(200);
    expect((await compose(owner)).body.state).toBe('pending_approval');
    expect((await compose(editor)).body.state).toBe('pending_approval');
    await policy({ required: false, roles: [] }).expect(200);
    expect((await compose(editor)).body.state).toBe('scheduled');
  });

  it('a member of another workspace cannot approve or decline its requests', async () => {
    await policy({ required: false, roles: ['editor'] }).expect(200);
    const post = await compose(editor);
    const request = (await openRequest(post.body.id))!;
    const decisions = [
      ['approve', { comment: 'Mine now' }],
      ['decline', { reason: 'Mine now' }],
    ] as const;
    for (const [path, body] of decisions) {
      const res = await t.http
        .post(`/api/v1/approvals/${request.id}/${path}`)
        .set(as(stranger, strangerWorkspace))
        .send(body);
      expect(res.status).toBe(404);
      const other = await t.http
        .post(`/api/v1/approvals/${request.id}/${path}`)
        .set(as(stranger, workspaceId))
        .send(body);
      expect(other.status).toBe(404);
    }
    const after = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(after.body.state).toBe('pending_approval');
  });
});
