import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  launchChromium,
  navLink,
  Platform,
  PNG,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
  uploadImage,
} from './harness';

/** The workspace's logo, served to every page of the journey by the browser context (no network here). */
const LOGO_URL = 'https://brand.example/logo.png';

/**
 * Approvals for every post, in Chromium against the real platform (its publishing engine running):
 * the Owner says on the settings page that Editors' posts need approval; an Editor's scheduled post
 * with an image waits in Pending approval instead of being scheduled; a client opens the shared link
 * and sees the post as the network will show it under the workspace's name and logo; the Owner sees
 * the same preview on the approvals page, fixes the text and approves; the post goes out to the
 * Sandbox network with the fixed text at the time it was composed for, and the activity log says
 * who changed what.
 */
describe('approvals journey', () => {
  let platform: Platform;
  let browser: Browser;
  let owner: Page;
  let editor: Page;
  let ownerCall: ApiCall;
  let editorCall: ApiCall;
  let workspaceId: string;
  let base: string;
  let accountId: string;
  let postId: string;
  const ownerEmail = `owner-${Date.now()}@example.com`;
  const editorEmail = `editor-${Date.now()}@example.com`;
  const text = `Held for aproval ${Date.now()}`;
  const fixed = text.replace('aproval', 'approval');
  let clientLink: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    const ownerContext = await browser.newContext();
    await ownerContext.route(LOGO_URL, (route) => route.fulfill({ contentType: 'image/png', body: PNG }));
    owner = await ownerContext.newPage();
    editor = await (await browser.newContext()).newPage();
    ({ base, workspaceId } = await signUpWithWorkspace(owner, platform, {
      name: 'Olga Owner',
      email: ownerEmail,
      workspace: 'Approved Co',
    }));
    const own = await signUpWithWorkspace(editor, platform, {
      name: 'Eddie Editor',
      email: editorEmail,
      workspace: 'Eddie Own',
    });
    ownerCall = await apiSession(platform, ownerEmail, workspaceId);
    accountId = (await ownerCall('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Shop' })).id as string;
    const invite = await ownerCall('POST', '/api/v1/invites', { email: editorEmail, role: 'editor' });
    const token = new URL(invite.acceptUrl as string).searchParams.get('token');
    const editorOwn = await apiSession(platform, editorEmail, own.workspaceId);
    await editorOwn('POST', '/api/v1/invites/accept', { token });
    editorCall = await apiSession(platform, editorEmail, workspaceId);
    await ownerCall('PATCH', `/api/v1/workspaces/${workspaceId}`, {
      branding: { logoUrl: LOGO_URL, primaryColor: '#0f766e', accentColor: '#f59e0b' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the Owner says on the settings page that Editors’ posts need approval, and the roles page shows it per role', async () => {
    await owner.goto(`${base}/settings`);
    const editorRole = owner.locator('input[data-role="editor"]');
    await editorRole.waitFor();
    await editorRole.check();
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await owner.getByText('Settings saved.').waitFor();
    const workspace = await ownerCall('GET', `/api/v1/workspaces/${workspaceId}`);
    expect(workspace.approvalPolicy).toEqual({ required: false, roles: ['editor'] });
    // The roles page shows the same option per role, and changes it.
    await owner.goto(`${base}/roles`);
    const onRoles = owner.getByRole('checkbox', { name: 'Posts by Editor need approval' });
    await expect.poll(() => onRoles.isChecked()).toBe(true);
    await owner.getByRole('checkbox', { name: 'Posts by Viewer need approval' }).check();
    await expect
      .poll(async () => (await ownerCall('GET', `/api/v1/workspaces/${workspaceId}`)).approvalPolicy)
      .toEqual({ required: false, roles: ['editor', 'viewer'] });
  });

  it('an Editor’s scheduled post with an image waits in Pending approval, and the post page says so', async () => {
    // Time enough for the client's visit and the Owner's edit before it is due.
    const at = new Date(Date.now() + 75_000);
    at.setMilliseconds(0);
    const mediaId = await uploadImage(platform, editorEmail, workspaceId, 'launch.png');
    const post = await editorCall('POST', '/api/v1/posts', {
      text,
      variants: [{ accountId, mediaIds: [mediaId] }],
      schedule: { type: 'single', at: at.toISOString() },
    });
    postId = post.id as string;
    expect(post.state).toBe('pending_approval');
    await editor.goto(`${base}/posts/${postId}`);
    await expect.poll(() => editor.getByTestId('post-state').textContent()).toBe('Awaiting approval');
    await editor.getByTestId('awaiting-note').waitFor();
  });

  it('the Owner sees each variant as the network will show it, with its image, on a card in the workspace’s colours', async () => {
    await navLink(owner, 'Approvals').click();
    const card = owner.getByRole('article', { name: `Approval of ${text}` });
    await card.waitFor();
    const logo = card.getByRole('img', { name: 'Approved Co logo' });
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const preview = card.getByRole('article', { name: 'Preview' });
    expect(await preview.textContent()).toContain(text);
    expect(await preview.textContent()).toContain('Shop');
    const image = preview.getByRole('img', { name: 'launch.png' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Share with a client' }).click();
    clientLink = await card.getByRole('textbox', { name: 'Client link' }).inputValue();
    expect(clientLink).toContain('/approve/');
    await screenshot(owner, 'approvals-waiting');
  });

  it('a client opens the link, with no account, and sees the same preview under the workspace’s name and logo', async () => {
    const clientContext = await browser.newContext();
    await clientContext.route(LOGO_URL, (route) => route.fulfill({ contentType: 'image/png', body: PNG }));
    const client = await clientContext.newPage();
    await client.goto(clientLink);
    const brand = client.getByTestId('client-brand');
    await brand.waitFor();
    expect(await brand.textContent()).toContain('Approved Co');
    const logo = brand.getByRole('img', { name: 'Approved Co logo' });
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const preview = client
      .getByRole('region', { name: 'Preview for Shop on Sandbox' })
      .getByRole('article', { name: 'Preview' });
    expect(await preview.textContent()).toContain(text);
    const image = preview.getByRole('img', { name: 'launch.png' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await screenshot(client, 'approval-client-link');
    await clientContext.close();
  });

  it('the Owner fixes the text, approves, and it is published with the fix at its time, once', async () => {
    const card = owner.getByRole('article', { name: `Approval of ${text}` });
    await card.getByRole('button', { name: 'Edit text' }).click();
    const box = card.getByRole('textbox', { name: 'Text for Shop (Sandbox)' });
    // Counted as the network counts it while typing: too long is said under the box.
    await box.fill('x'.repeat(501));
    await expect.poll(() => card.locator('.counter').textContent()).toContain('501 / 500 characters');
    await card.getByRole('alert').filter({ hasText: 'Text is 501 characters; Sandbox allows 500' }).waitFor();
    expect(await card.getByRole('button', { name: 'Approve with edits' }).isDisabled()).toBe(true);
    await box.fill(fixed);
    await expect.poll(() => card.locator('.counter').textContent()).toContain(`${fixed.length} / 500 characters`);
    expect(await card.getByRole('article', { name: 'Preview' }).textContent()).toContain(fixed);
    await card.getByRole('button', { name: 'Approve with edits' }).click();
    await owner.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();
    await owner.getByText('Nothing waits for approval.').waitFor();
    const scheduled = await ownerCall('GET', `/api/v1/posts/${postId}`);
    expect(scheduled.state).toBe('scheduled');
    expect((scheduled.variants as Array<{ text: string }>)[0].text).toBe(fixed);
    await expect
      .poll(async () => (await ownerCall('GET', `/api/v1/posts/${postId}`)).state, { timeout: 120_000, interval: 1000 })
      .toBe('published');
    const attempts = await ownerCall('GET', `/api/v1/posts/${postId}/attempts`);
    expect((attempts.items as unknown[]).length).toBe(1);
    const timeline = await ownerCall('GET', `/api/v1/accounts/${accountId}/sandbox-timeline`);
    const sent = (timeline.items as Array<{ text: string; media: unknown[] }>).filter((p) => p.text.includes('Held'));
    expect(sent).toEqual([expect.objectContaining({ text: fixed })]);
    expect(sent[0].media).toHaveLength(1);
    await editor.reload();
    await expect.poll(() => editor.getByTestId('post-state').textContent()).toBe('Published');
  }, 180_000);

  it('the activity log says who changed the text, from what to what', async () => {
    await navLink(owner, 'Activity log').click();
    const entry = owner.getByRole('listitem').filter({ hasText: 'before approving' });
    await entry.waitFor();
    expect((await entry.textContent())!.replace(/\s+/g, ' ')).toContain(
      `Olga Owner edited the Sandbox text for Shop before approving: “${text}” → “${fixed}”`,
    );
  });
});
