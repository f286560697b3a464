import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { insertRows } from '../database/insert-rows';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { Approval } from './approval.entity';

const PENDING = 205;

/** The approvals list is keyset-paginated: past the first 200 requests nothing is left out unsaid. */
describe.each(DATABASE_KINDS)('the approvals list on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Approvals');
    const accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'A' })
        .expect(201)
    ).body.id;
    const postId = (
      await t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({ text: 'Check me', variants: [{ accountId }] })
        .expect(201)
    ).body.id;
    const rows: Array<Partial<Approval>> = [];
    for (let i = 0; i < PENDING; i++) {
      const id = newId();
      ids.push(id);
      rows.push({
        id,
        workspaceId,
        postId,
        status: 'pending',
        message: `ask ${i}`,
        requestedBy: owner.id,
        runId: null,
        nodeId: null,
        decidedBy: null,
        reason: null,
        decidedAt: null,
      });
    }
    await t.db.transaction((em) => insertRows(em, Approval, rows));
  });
  afterAll(() => t?.close());

  it('pages through every pending request, newest first, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http
        .get(`/api/v1/approvals?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(owner, workspaceId))
        .expect(200);
      seen.push(...res.body.items.map((a) => a.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('names the field of a bad page size', async () => {
    const res = await t.http.get('/api/v1/approvals?limit=1000').set(as(owner, workspaceId));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('limit');
  });
});
