import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../jobs/background-jobs';
import { PostVariantMedia } from '../posts/post-variant-media.entity';
import { PostVariant } from '../posts/post-variant.entity';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { pngOf } from '../testing/images';

const png = () => pngOf(40, 30, { r: 200, g: 90, b: 40 });

/**
 * The library's "used in" and its delete check read the variants' media index, so each way a
 * variant's media list is written must keep that index: composing, editing (items removed, added,
 * reordered, a variant dropped), importing a sheet, deleting a post, and deleting an item from drafts.
 */
describe.each(DATABASE_KINDS)('where media is used, through every write of a media list, on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let pics: string;
  let clips: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Usage Ltd', 'UTC');
    const account = async (name: string) =>
      (await send('post', '/accounts', { network: 'sandbox', name }).expect(201)).body.id as string;
    [pics, clips] = [await account('Pics'), await account('Clips')];
  });
  afterAll(() => t?.close());

  const send = (method: 'post' | 'patch', path: string, body: object) =>
    t.http[method](`/api/v1${path}`).set(as(owner, workspaceId)).send(body);
  const remove = (path: string) => t.http.delete(`/api/v1${path}`).set(as(owner, workspaceId));
  const upload = async (name: string) =>
    (
      await t.http
        .post('/api/v1/media')
        .set(as(owner, workspaceId))
        .attach('file', await png(), name)
        .expect(201)
    ).body as { id: string; url: string };
  const usage = async (mediaId: string) =>
    (await t.http.get(`/api/v1/media/${mediaId}`).set(as(owner, workspaceId)).expect(200)).body.usage as Array<{
      postId: string;
      state: string;
      excerpt: string;
      scheduledAt: string | null;
    }>;
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

  /** The index as stored equals every variant's media list, item by item and in order. */
  async function expectIndexMatchesVariants(): Promise<void> {
    const variants = await t.db.getRepository(PostVariant).find({ where: { workspaceId }, order: { id: 'ASC' } });
    const rows = await t.db
      .getRepository(PostVariantMedia)
      .find({ where: { workspaceId }, order: { variantId: 'ASC', position: 'ASC' } });
    expect(rows.map((r) => [r.variantId, r.postId, r.mediaId, r.position])).toEqual(
      variants.flatMap((v) => v.mediaIds.map((mediaId, position) => [v.id, v.postId, mediaId, position])),
    );
  }

  it('follows composing, editing, deleting a post and deleting an item from drafts', async () => {
    const [first, shared, later] = [await upload('first.png'), await upload('shared.png'), await upload('later.png')];
    const draft = (
      await send('post', '/posts', {
        text: 'Draft with two pictures',
        variants: [
          { accountId: pics, mediaIds: [first.id, shared.id] },
          { accountId: clips, mediaIds: [shared.id] },
        ],
      }).expect(201)
    ).body;
    const scheduled = (
      await send('post', '/posts', {
        text: 'Goes out tomorrow',
        variants: [{ accountId: pics, mediaIds: [shared.id] }],
        schedule: { type: 'single', at: tomorrow() },
      }).expect(201)
    ).body;
    await expectIndexMatchesVariants();
    expect(await usage(first.id)).toEqual([
      { postId: draft.id, excerpt: 'Draft with two pictures', state: 'draft', scheduledAt: null },
    ]);
    // Newest post first; a post carrying the item on two variants is listed once.
    expect(await usage(shared.id)).toEqual([
      {
        postId: scheduled.id,
        excerpt: 'Goes out tomorrow',
        state: 'scheduled',
        scheduledAt: scheduled.variants[0].scheduledAt,
      },
      { postId: draft.id, excerpt: 'Draft with two pictures', state: 'draft', scheduledAt: null },
    ]);
    expect(await usage(later.id)).toEqual([]);
    expect((await remove(`/media/${shared.id}?confirm=true`).expect(409)).body).toMatchObject({
      code: 'MEDIA_IN_USE',
      posts: [{ postId: scheduled.id, state: 'scheduled' }],
    });

    // An edit drops `first`, adds `later` before `shared`, and drops the Clips variant.
    await send('patch', `/posts/${draft.id}`, {
      variants: [{ accountId: pics, mediaIds: [later.id, shared.id] }],
    }).expect(200);
    await expectIndexMatchesVariants();
    expect(await usage(first.id)).toEqual([]);
    expect((await usage(later.id)).map((u) => u.postId)).toEqual([draft.id]);
    await remove(`/media/${first.id}`).expect(204);

    // An edit of the text alone leaves the media, and the usage shows the new text.
    await send('patch', `/posts/${draft.id}`, { text: 'Draft, retitled' }).expect(200);
    await expectIndexMatchesVariants();
    expect(await usage(later.id)).toEqual([
      { postId: draft.id, excerpt: 'Draft, retitled', state: 'draft', scheduledAt: null },
    ]);

    // The scheduled post deleted: only the draft holds `shared`, which then asks before taking it out.
    await remove(`/posts/${scheduled.id}`).expect(204);
    await expectIndexMatchesVariants();
    expect((await usage(shared.id)).map((u) => u.postId)).toEqual([draft.id]);
    expect((await remove(`/media/${shared.id}`).expect(409)).body).toMatchObject({
      code: 'MEDIA_USED_BY_DRAFTS',
      posts: [{ postId: draft.id, state: 'draft' }],
    });
    await remove(`/media/${shared.id}?confirm=true`).expect(204);
    const after = (await t.http.get(`/api/v1/posts/${draft.id}`).set(as(owner, workspaceId)).expect(200)).body;
    expect(after.variants.map((v: { mediaIds: string[] }) => v.mediaIds)).toEqual([[later.id]]);
    await expectIndexMatchesVariants();

    // The draft deleted: its last item is free to go without asking.
    await remove(`/posts/${draft.id}`).expect(204);
    expect(await usage(later.id)).toEqual([]);
    await remove(`/media/${later.id}`).expect(204);
    expect(await t.db.getRepository(PostVariantMedia).countBy({ workspaceId })).toBe(0);
  });

  it('follows an approval that edits the variants, and keeps the item while the post waits', async () => {
    const item = await upload('for-review.png');
    const draft = (
      await send('post', '/posts', { text: 'For review', variants: [{ accountId: pics, mediaIds: [item.id] }] }).expect(
        201,
      )
    ).body;
    const approval = (await send('post', '/approvals', { postId: draft.id }).expect(201)).body;
    expect(await usage(item.id)).toEqual([
      { postId: draft.id, excerpt: 'For review', state: 'pending_approval', scheduledAt: null },
    ]);
    expect((await remove(`/media/${item.id}?confirm=true`).expect(409)).body.code).toBe('MEDIA_IN_USE');
    await send('post', `/approvals/${approval.id}/approve`, {
      variants: [{ variantId: draft.variants[0].id, text: 'Reviewed and approved' }],
    }).expect(200);
    const approved = (await t.http.get(`/api/v1/posts/${draft.id}`).set(as(owner, workspaceId)).expect(200)).body;
    expect(approved.variants).toEqual([
      expect.objectContaining({ text: 'Reviewed and approved', mediaIds: [item.id] }),
    ]);
    await expectIndexMatchesVariants();
    expect(await usage(item.id)).toEqual([
      { postId: draft.id, excerpt: 'For review', state: 'draft', scheduledAt: null },
    ]);
  });

  it('follows posts imported from a sheet', async () => {
    await t.app.get(BackgroundJobs).start();
    const [cover, extra] = [await upload('cover.png'), await upload('extra.png')];
    const csv = [
      'text,accounts,post_type,scheduled_at,media_urls',
      `Imported draft,Pics,carousel,,"${extra.url};${cover.url}"`,
      `Imported and scheduled,Clips,photo,2031-06-01 09:00,"${cover.url}"`,
    ].join('\n');
    const started = await t.http
      .post('/api/v1/posts/import')
      .set(as(owner, workspaceId))
      .attach('file', Buffer.from(csv), 'posts.csv')
      .expect(202);
    const job = await finished(started.body.job_id);
    expect(job).toMatchObject({ status: 'completed', result: { created: 2, errors: [] } });
    const [importedDraft, importedScheduled] = job.result.postIds as string[];
    await expectIndexMatchesVariants();
    expect(await usage(cover.id)).toEqual([
      {
        postId: importedScheduled,
        excerpt: 'Imported and scheduled',
        state: 'scheduled',
        scheduledAt: '2031-06-01T09:00:00.000Z',
      },
      { postId: importedDraft, excerpt: 'Imported draft', state: 'draft', scheduledAt: null },
    ]);
    const stored = await t.db
      .getRepository(PostVariantMedia)
      .find({ where: { postId: importedDraft }, order: { position: 'ASC' } });
    expect(stored.map((r) => r.mediaId)).toEqual([extra.id, cover.id]);
    expect((await remove(`/media/${cover.id}?confirm=true`).expect(409)).body.code).toBe('MEDIA_IN_USE');
  });

  /** Follows a background job to its end. */
  async function finished(jobId: string): Promise<{ status: string; result: { postIds: string[] } }> {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      const job = await t.http.get(`/api/v1/jobs/${jobId}`).set(as(owner, workspaceId)).expect(200);
      if (job.body.status === 'completed' || job.body.status === 'failed') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  }
});
