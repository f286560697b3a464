import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  launchChromium,
  navLink,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
} from './harness';

/**
 * Approvals for every post, in Chromium against the real platform (its publishing engine running):
 * the Owner says on the settings page that Editors' posts need approval; an Editor's scheduled post
 * waits in Pending approval instead of being scheduled; the Owner approves it on the approvals page
 * and it goes out to the Sandbox network at the time it was composed for.
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
  const text = `Held for approval ${Date.now()}`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    owner = await (await browser.newContext()).newPage();
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

  it('an Editor’s scheduled post waits in Pending approval, and the post page says so', async () => {
    const at = new Date(Date.now() + 45_000);
    at.setMilliseconds(0);
    const post = await editorCall('POST', '/api/v1/posts', {
      text,
      variants: [{ accountId }],
      schedule: { type: 'single', at: at.toISOString() },
    });
    postId = post.id as string;
    expect(post.state).toBe('pending_approval');
    await editor.goto(`${base}/posts/${postId}`);
    await expect.poll(() => editor.getByTestId('post-state').textContent()).toBe('Awaiting approval');
    await editor.getByTestId('awaiting-note').waitFor();
  });

  it('the Owner approves it on the approvals page and it is published at its time, once', async () => {
    await navLink(owner, 'Approvals').click();
    const card = owner.getByRole('article', { name: `Approval of ${text}` });
    await card.waitFor();
    await screenshot(owner, 'approvals-waiting');
    await card.getByRole('button', { name: 'Approve' }).click();
    await owner.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();
    await owner.getByText('Nothing waits for approval.').waitFor();
    const scheduled = await ownerCall('GET', `/api/v1/posts/${postId}`);
    expect(scheduled.state).toBe('scheduled');
    await expect
      .poll(async () => (await ownerCall('GET', `/api/v1/posts/${postId}`)).state, { timeout: 120_000, interval: 1000 })
      .toBe('published');
    const attempts = await ownerCall('GET', `/api/v1/posts/${postId}/attempts`);
    expect((attempts.items as unknown[]).length).toBe(1);
    await editor.reload();
    await expect.poll(() => editor.getByTestId('post-state').textContent()).toBe('Published');
  });
});
