import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, apiAs, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { pngOf } from '../testing/images';

const inHours = (h: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + h * 3_600_000).toISOString();

const png = () => pngOf(64, 48, { r: 20, g: 120, b: 200 });

interface VariantView {
  id: string;
  accountName: string;
  network: string;
  text: string;
  media: Array<{ id: string; url: string; thumbnailUrl: string | null }>;
  length: number;
  maxLength: number;
}

/**
 * Approvers see each variant as its network will show it (with its media) and may fix the text
 * before approving: the edit is checked against the network, saved before the post is scheduled,
 * and logged with what it was before. Clients see the same through their link, but do not edit.
 */
describe.each(DATABASE_KINDS)('approving with edits on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let accountId: string;
  let mediaId: string;
  let otherMediaId: string;
  const ownerApi = () => apiAs(t, owner, workspaceId);

  /** An Editor's post with an image, held by the policy with its schedule; its open request. */
  const heldPost = async (text: string) => {
    const post = await apiAs(t, editor, workspaceId)
      .post('/posts', {
        text,
        variants: [{ accountId, mediaIds: [mediaId] }],
        schedule: { type: 'single', at: inHours(6) },
      })
      .expect(201);
    expect(post.body.state).toBe('pending_approval');
    const list = await ownerApi().get('/approvals?limit=100').expect(200);
    const approval = list.body.items.find((a: { postId: string }) => a.postId === post.body.id);
    return { postId: post.body.id as string, approval: approval as { id: string; variants: VariantView[] } };
  };
  /** A signed media address fetched with no credentials: the signature is the access. */
  const fetchSigned = (url: string) => {
    const { pathname, search } = new URL(url);
    return t.http.get(pathname + search);
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Edits Co');
    await addMember(t, owner, workspaceId, editor, 'editor');
    await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner, workspaceId))
      .send({ approvalPolicy: { required: false, roles: ['editor'] } })
      .expect(200);
    accountId = (await ownerApi().post('/accounts', { network: 'sandbox', name: 'Shop' }).expect(201)).body.id;
    const upload = async () =>
      t.http
        .post('/api/v1/media')
        .set(as(owner, workspaceId))
        .attach('file', await png(), 'launch.png')
        .expect(201);
    mediaId = (await upload()).body.id;
    otherMediaId = (await upload()).body.id;
  });
  afterAll(() => t?.close());

  it('shows each variant as its network will, with its media at addresses that work without signing in', async () => {
    const { approval } = await heldPost('Spring launch #new');
    expect(approval.variants).toEqual([
      expect.objectContaining({
        accountName: 'Shop',
        network: 'sandbox',
        text: 'Spring launch #new',
        length: 18,
        maxLength: 500,
        media: [expect.objectContaining({ id: mediaId, kind: 'image', width: 64, height: 48 })],
      }),
    ]);
    const shown = await fetchSigned(approval.variants[0].media[0].url).expect(200);
    expect(shown.headers['content-type']).toBe('image/png');

    // The client's link carries the same preview, and only this post's files.
    const link = await ownerApi().post(`/approvals/${approval.id}/link`).expect(201);
    const token = new URL(link.body.url).pathname.split('/').at(-1)!;
    const seen = await t.http.get(`/api/v1/approval-links/${token}`).expect(200);
    expect(seen.body.variants).toEqual([
      expect.objectContaining({ accountName: 'Shop', text: 'Spring launch #new', media: [expect.any(Object)] }),
    ]);
    expect(JSON.stringify(seen.body)).not.toContain(otherMediaId);
    await fetchSigned(seen.body.variants[0].media[0].thumbnailUrl).expect(200);
  });

  it('measures edited texts as the network counts them, without saving anything', async () => {
    const { postId, approval } = await heldPost('Measure me');
    const variantId = approval.variants[0].id;
    const checked = await ownerApi()
      .post(`/approvals/${approval.id}/check`, { variants: [{ variantId, text: 'x'.repeat(501) }] })
      .expect(200);
    expect(checked.body.variants).toEqual([
      {
        variantId,
        length: 501,
        maxLength: 500,
        problems: [expect.objectContaining({ field: 'text', message: 'is 501 characters; Sandbox allows 500' })],
      },
    ]);
    const fits = await ownerApi()
      .post(`/approvals/${approval.id}/check`, { variants: [{ variantId, text: 'Short' }] })
      .expect(200);
    expect(fits.body.variants[0]).toMatchObject({ length: 5, problems: [] });
    expect((await ownerApi().get(`/posts/${postId}`).expect(200)).body.variants[0].text).toBe('Measure me');
    const empty = await ownerApi().post(`/approvals/${approval.id}/check`, { variants: [] }).expect(400);
    expect(empty.body.errors[0].field).toBe('variants');
  });

  it('refuses an edit that breaks the network, or names no variant of the post, and changes nothing', async () => {
    const { postId, approval } = await heldPost('Keep me');
    const variantId = approval.variants[0].id;
    const long = await ownerApi()
      .post(`/approvals/${approval.id}/approve`, { variants: [{ variantId, text: 'y'.repeat(600) }] })
      .expect(400);
    expect(long.body.errors).toEqual([{ field: 'variants[0].text', message: 'is 600 characters; Sandbox allows 500' }]);
    const stranger = await ownerApi()
      .post(`/approvals/${approval.id}/approve`, { variants: [{ variantId: approval.id, text: 'Hi' }] })
      .expect(400);
    expect(stranger.body.errors).toEqual([
      { field: 'variants[0].variantId', message: 'is not a variant of this post' },
    ]);
    const untyped = await ownerApi()
      .post(`/approvals/${approval.id}/approve`, { variants: [{ variantId, text: 42 }] })
      .expect(400);
    expect(untyped.body.errors[0].field).toBe('variants.0.text');

    const post = await ownerApi().get(`/posts/${postId}`).expect(200);
    expect(post.body).toMatchObject({
      state: 'pending_approval',
      variants: [expect.objectContaining({ text: 'Keep me' })],
    });
    const still = await ownerApi().get('/approvals?limit=100').expect(200);
    expect(still.body.items.some((a: { id: string }) => a.id === approval.id)).toBe(true);
  });

  it('saves the edited text before scheduling, and logs who changed what from what', async () => {
    const { postId, approval } = await heldPost('Big sale tomorow');
    const variantId = approval.variants[0].id;
    const approved = await ownerApi()
      .post(`/approvals/${approval.id}/approve`, {
        comment: 'Fixed a typo',
        variants: [{ variantId, text: 'Big sale tomorrow' }],
      })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', scheduleProblem: null });
    expect(approved.body.variants[0]).toMatchObject({ text: 'Big sale tomorrow', length: 17 });

    const post = await ownerApi().get(`/posts/${postId}`).expect(200);
    expect(post.body.state).toBe('scheduled');
    expect(post.body.variants).toEqual([
      expect.objectContaining({ text: 'Big sale tomorrow', ownText: true, state: 'scheduled', mediaIds: [mediaId] }),
    ]);
    // The post's own text stays the author's; the variant that goes out carries the approver's.
    expect(post.body.text).toBe('Big sale tomorow');

    const log = await ownerApi().get('/activity?limit=20').expect(200);
    const edited = log.body.items.filter(
      (e: { action: string; targetId: string }) => e.action === 'post.edited_before_approval' && e.targetId === postId,
    );
    expect(edited).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: owner.id }),
        details: {
          approvalId: approval.id,
          variantId,
          network: 'sandbox',
          networkLabel: 'Sandbox',
          accountName: 'Shop',
          before: 'Big sale tomorow',
          after: 'Big sale tomorrow',
        },
      }),
    ]);
  });

  it('with two accounts: names the edit that breaks its network, and an edit of one leaves the other on the post text', async () => {
    const second = (await ownerApi().post('/accounts', { network: 'sandbox', name: 'Outlet' }).expect(201)).body.id;
    const post = await apiAs(t, editor, workspaceId)
      .post('/posts', {
        text: 'Both accounts',
        variants: [{ accountId }, { accountId: second }],
        schedule: { type: 'single', at: inHours(7) },
      })
      .expect(201);
    const list = await ownerApi().get('/approvals?limit=100').expect(200);
    const approval = list.body.items.find((a: { postId: string }) => a.postId === post.body.id);
    const [shop, outlet] = approval.variants as VariantView[];
    expect([shop.accountName, outlet.accountName]).toEqual(['Shop', 'Outlet']);

    const refused = await ownerApi()
      .post(`/approvals/${approval.id}/approve`, {
        variants: [
          { variantId: outlet.id, text: 'Fine' },
          { variantId: shop.id, text: 'z'.repeat(501) },
        ],
      })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'variants[1].text', message: 'is 501 characters; Sandbox allows 500' },
    ]);
    const twice = await ownerApi()
      .post(`/approvals/${approval.id}/approve`, {
        variants: [
          { variantId: shop.id, text: 'One' },
          { variantId: shop.id, text: 'Two' },
        ],
      })
      .expect(400);
    expect(twice.body.errors).toEqual([{ field: 'variants[1].variantId', message: 'is edited twice' }]);

    await ownerApi()
      .post(`/approvals/${approval.id}/approve`, { variants: [{ variantId: outlet.id, text: 'Outlet only' }] })
      .expect(200);
    const saved = await ownerApi().get(`/posts/${post.body.id}`).expect(200);
    expect(saved.body.variants).toEqual([
      expect.objectContaining({ accountId, text: 'Both accounts', ownText: false, state: 'scheduled' }),
      expect.objectContaining({ accountId: second, text: 'Outlet only', ownText: true, state: 'scheduled' }),
    ]);
  });

  it('logs nothing when the "edit" leaves the text as it was, and saves no edit of a decided request', async () => {
    const { postId, approval } = await heldPost('Unchanged');
    const variantId = approval.variants[0].id;
    await ownerApi()
      .post(`/approvals/${approval.id}/approve`, { variants: [{ variantId, text: 'Unchanged' }] })
      .expect(200);
    const log = await ownerApi().get('/activity?limit=20').expect(200);
    expect(
      log.body.items.some(
        (e: { action: string; targetId: string }) =>
          e.action === 'post.edited_before_approval' && e.targetId === postId,
      ),
    ).toBe(false);
    await ownerApi()
      .post(`/approvals/${approval.id}/approve`, { variants: [{ variantId, text: 'Too late' }] })
      .expect(409);
    expect((await ownerApi().get(`/posts/${postId}`).expect(200)).body.variants[0].text).toBe('Unchanged');
  });

  it('does not let a client edit through the link (they comment; the team edits)', async () => {
    const { approval } = await heldPost('Client reads this');
    const link = await ownerApi().post(`/approvals/${approval.id}/link`).expect(201);
    const token = new URL(link.body.url).pathname.split('/').at(-1)!;
    const refused = await t.http
      .post(`/api/v1/approval-links/${token}/approve`)
      .send({ name: 'Cleo', variants: [{ variantId: approval.variants[0].id, text: 'Changed by client' }] })
      .expect(400);
    expect(refused.body.errors[0].field).toBe('variants');
  });
});
