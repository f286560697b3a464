import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { insertRows } from '../database/insert-rows';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { publishedAtFirstTry } from '../testing/published-job';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { PublishJob } from './publish-job.entity';

const OCCURRENCES = 120;

/**
 * A recurring post's attempts, one job per occurrence and variant, come back page after page,
 * newest occurrence first: none left out past the first 200 (the list had a fixed cap) and none
 * repeated where two variants share an occurrence.
 */
describe.each(DATABASE_KINDS)("a post's attempts on %s", (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let postId: string;
  const expected: Array<{ id: string; at: number }> = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Attempts');
    const connect = async (name: string) =>
      (await t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'sandbox', name }).expect(201))
        .body.id as string;
    const accounts = [await connect('A'), await connect('B')];
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({
        text: 'Every day',
        variants: accounts.map((accountId) => ({ accountId })),
        schedule: { type: 'recurring', rrule: 'FREQ=DAILY' },
      })
      .expect(201);
    postId = post.body.id;
    const jobs: Array<Partial<PublishJob>> = [];
    const start = Date.UTC(2026, 0, 1, 9);
    for (let day = 0; day < OCCURRENCES; day++) {
      for (const variant of post.body.variants as Array<{ id: string; accountId: string }>) {
        const at = new Date(start + day * 86_400_000);
        const id = newId();
        expected.push({ id, at: at.getTime() });
        jobs.push({
          id,
          workspaceId,
          postId,
          variantId: variant.id,
          accountId: variant.accountId,
          ...publishedAtFirstTry(at),
          externalId: id,
        });
      }
    }
    await t.db.transaction((em) => insertRows(em, PublishJob, jobs));
    expected.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  });
  afterAll(() => t?.close());

  it('pages through every attempt, newest occurrence first, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http
        .get(`/api/v1/posts/${postId}/attempts?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(owner, workspaceId))
        .expect(200);
      seen.push(...res.body.items.map((j) => j.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2 * OCCURRENCES);
    expect(seen).toEqual(expected.map((j) => j.id));
  });

  it("refuses a cursor that is not one of the post's attempts, naming it", async () => {
    const res = await t.http.get(`/api/v1/posts/${postId}/attempts?cursor=${newId()}`).set(as(owner, workspaceId));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });
});
