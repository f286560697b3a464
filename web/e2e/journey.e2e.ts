import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PASSWORD, Platform, screenshot, startPlatform } from './harness';

const NEW_PASSWORD = 'staple battery horse correct';

/**
 * The foundation journey in real Chromium against the real platform: sign up → workspace → time
 * zone → invite → the invitee accepts in a second browser context → API key → /api/v1/me with it.
 */
describe('foundation journey', () => {
  let platform: Platform;
  let browser: Browser;
  let owner: Page;
  let workspaceId: string;
  let inviteLink: string;
  const ownerEmail = `owner-${Date.now()}@example.com`;
  const memberEmail = `member-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    owner = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows a validation error next to the field, then signs up', async () => {
    await owner.goto(`${platform.url}/sign-up`);
    await owner.getByLabel('Your name').fill('Olivia Owner');
    await owner.getByLabel('Email').fill(ownerEmail);
    await owner.getByLabel('Password').fill('short');
    await owner.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => owner.locator('#password-error').textContent()).toBe('Use at least 10 characters');
    expect(await owner.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await screenshot(owner, '01-sign-up-validation');

    await owner.getByLabel('Password').fill(PASSWORD);
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.waitForURL('**/workspaces');
    await owner.getByText('No workspace yet').waitFor();
    await screenshot(owner, '02-workspaces-empty');
  });

  it('creates a workspace and sets its time zone, which survives a reload', async () => {
    await owner.getByLabel('Name', { exact: true }).fill('Acme Social');
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.waitForURL(/\/w\/[0-9a-f-]{36}\/settings$/);
    workspaceId = owner.url().split('/w/')[1].split('/')[0];
    await expect.poll(() => owner.getByLabel('Name', { exact: true }).inputValue()).toBe('Acme Social');

    await owner.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await owner.getByLabel('First day of the week').selectOption({ label: 'Sunday' });
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await owner.getByText('Settings saved.').waitFor();
    await owner.reload();
    await expect.poll(() => owner.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await owner.getByLabel('First day of the week').locator('option:checked').textContent()).toBe('Sunday');
    await screenshot(owner, '03-settings');
  });

  it('invites a member and shows the accept link', async () => {
    await owner.getByRole('link', { name: 'Members & invites' }).click();
    await owner.getByLabel('Email').fill(memberEmail);
    await owner.getByLabel('Role', { exact: true }).selectOption('editor');
    await owner.getByRole('button', { name: 'Send invite' }).click();
    inviteLink = (await owner.getByTestId('invite-link').textContent())!.trim();
    expect(inviteLink).toMatch(new RegExp(`^${platform.url}/invites/accept\\?token=[\\w-]{43}$`));
    const pending = owner.locator('section', { has: owner.getByRole('heading', { name: 'Pending invites' }) });
    await pending.getByRole('cell', { name: memberEmail, exact: true }).waitFor();
    await screenshot(owner, '04-members-invite');
  });

  it('lets the invitee sign up from the link and join as Editor, in a second browser context', async () => {
    const member = await (await browser.newContext()).newPage();
    await member.goto(inviteLink);
    await member.getByText('Olivia Owner invited').waitFor();
    expect(await member.locator('.invite-summary').textContent()).toContain('Acme Social');
    await screenshot(member, '05-accept-invite');
    await member.getByRole('link', { name: 'Create account' }).click();
    await member.waitForURL('**/sign-up?**');
    await expect.poll(() => member.getByLabel('Email').inputValue()).toBe(memberEmail);
    await member.getByLabel('Your name').fill('Max Member');
    await member.getByLabel('Password').fill(PASSWORD);
    await member.getByRole('button', { name: 'Create account' }).click();
    await member.getByRole('button', { name: 'Accept and join Acme Social' }).click();
    await member.waitForURL(`**/w/${workspaceId}/home`);
    await member.getByRole('button', { name: /Max Member · Editor/ }).waitFor();
    await member.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Settings' }).click();
    // An Editor may read settings but not change them, and sees no API keys or activity.
    await member.getByText('You can view these settings').waitFor();
    await expect.poll(() => member.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await member.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    expect(await member.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await member.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await screenshot(member, '06-member-settings-readonly');
    await member.context().close();
  });

  it('shows both members to the owner', async () => {
    await owner.reload();
    const members = owner.locator('section', { has: owner.getByRole('heading', { name: 'Members', exact: true }) });
    await members.getByRole('cell', { name: memberEmail, exact: true }).waitFor();
    expect(await members.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => owner.getByRole('combobox', { name: 'Role of Max Member' }).inputValue()).toBe('editor');
    expect(await owner.getByRole('combobox', { name: 'Role of Olivia Owner' }).inputValue()).toBe('owner');
    await screenshot(owner, '05b-members');
    expect(await owner.getByText('No pending invites.').count()).toBe(1);
  });

  it('refuses to demote the last Owner and says why', async () => {
    const ownRole = owner.getByRole('combobox', { name: 'Role of Olivia Owner' });
    await ownRole.selectOption('admin');
    await owner.getByText('A workspace needs at least one Owner — Make another member an Owner first').waitFor();
    // The refused change is not left showing in the select.
    await expect.poll(() => ownRole.inputValue()).toBe('owner');
    await screenshot(owner, '05c-members-last-owner');
  });

  it('lets the Owner create a custom role from the permission checklist', async () => {
    await owner.getByRole('link', { name: 'Roles' }).click();
    await owner.getByRole('columnheader', { name: 'Client' }).waitFor();
    await owner.getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => owner.locator('#role-name-error').textContent()).toBe('Give the role a name');
    await owner.getByLabel('Name', { exact: true }).fill('Community manager');
    await owner.getByRole('checkbox', { name: /^posts:read/ }).check();
    await owner.getByRole('checkbox', { name: /^posts:write/ }).check();
    await owner.getByRole('button', { name: 'Create role' }).click();
    await owner.getByText('Role Community manager created.').waitFor();
    await owner.getByRole('columnheader', { name: /Community manager/ }).waitFor();
    await screenshot(owner, '11-roles');
  });

  it('creates an API key shown once, which authenticates /api/v1/me', async () => {
    await owner.getByRole('link', { name: 'API keys' }).click();
    await owner.getByText('No API keys yet.').waitFor();
    await owner.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => owner.locator('#key-name-error').textContent()).toBe('Name the key after what will use it');
    await owner.getByLabel('Name', { exact: true }).fill('Reporting script');
    await owner.getByRole('checkbox', { name: 'posts:read' }).check();
    await owner.getByRole('checkbox', { name: 'workspace:read' }).check();
    await owner.getByRole('button', { name: 'Create key' }).click();
    const secret = owner.getByTestId('api-key-secret');
    await expect.poll(async () => (await secret.textContent())?.trim()).toMatch(/^so_[\w-]{12}_[\w-]{43}$/);
    const key = (await secret.textContent())!.trim();
    await screenshot(owner, '07-api-key-created');
    await owner.keyboard.press('Escape');
    await owner.getByRole('row', { name: /Reporting script/ }).waitFor();
    expect(await owner.getByRole('row', { name: /Reporting script/ }).count()).toBe(1);
    expect(await owner.locator('body').textContent()).not.toContain(key);
    await screenshot(owner, '08-api-keys');

    const res = await fetch(`${platform.url}/api/v1/me`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me).toMatchObject({
      authMethod: 'api_key',
      user: { email: ownerEmail },
      apiKey: { name: 'Reporting script' },
      workspace: { id: workspaceId, name: 'Acme Social', role: 'owner' },
    });
    expect([...me.apiKey.scopes].sort()).toEqual(['posts:read', 'workspace:read']);
    // The key's page shows its use.
    await owner.reload();
    expect(
      await owner
        .getByRole('row', { name: /Reporting script/ })
        .getByText('Never')
        .count(),
    ).toBe(0);
  });

  it('records it all in the activity log and the outbox', async () => {
    await owner.getByRole('link', { name: 'Activity log' }).click();
    await owner.getByText(`invited ${memberEmail} as editor`).waitFor();
    await owner.getByText('created the API key Reporting script').waitFor();
    await owner.getByText('changed settings: timeZone, firstDayOfWeek').waitFor();
    await screenshot(owner, '09-activity');
    await owner.getByRole('link', { name: 'Email outbox' }).click();
    await owner.getByText(`Olivia Owner invited you to Acme Social on SocialOrchestrator`).waitFor();
    await screenshot(owner, '10-outbox');
  });

  it('changes the password from the account menu, with the wrong current password refused beside the field', async () => {
    const menu = owner.getByRole('button', { name: /Olivia Owner/ });
    await menu.focus();
    await owner.keyboard.press('Enter');
    await owner.getByRole('menuitem', { name: 'Change password' }).waitFor();
    await screenshot(owner, '12-user-menu');
    await owner.keyboard.press('Escape');
    await expect.poll(() => owner.getByRole('menu').count()).toBe(0);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => menu.evaluate((el) => el === document.activeElement)).toBe(true);

    await menu.click();
    await owner.getByRole('menuitem', { name: 'Change password' }).click();
    await owner.waitForURL('**/account');
    await owner.getByLabel('Current password').fill('not my password');
    await owner.getByLabel('New password').fill(NEW_PASSWORD);
    await owner.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => owner.locator('#current-error').textContent()).toBe('Current password is wrong');
    await screenshot(owner, '14-account-wrong-password');
    await owner.getByLabel('Current password').fill(PASSWORD);
    await owner.getByRole('button', { name: 'Change password' }).click();
    await owner.getByText('Password changed.').waitFor();
  });

  it('signs out and back in with the keyboard alone, into the last workspace', async () => {
    await owner.getByRole('button', { name: /Olivia Owner/ }).click();
    await owner.getByRole('menuitem', { name: 'Sign out' }).click();
    await owner.waitForURL('**/sign-in');
    await owner.getByLabel('Email').focus();
    await owner.keyboard.type(ownerEmail);
    await owner.keyboard.press('Tab');
    await owner.keyboard.type(PASSWORD);
    await owner.keyboard.press('Enter');
    await expect.poll(() => owner.locator('so-banner').first().textContent()).toContain('Invalid email or password');
    await screenshot(owner, '15-sign-in-refused');
    await owner.getByLabel('Password').fill(NEW_PASSWORD);
    await owner.getByLabel('Password').press('Enter');
    await owner.waitForURL(`**/w/${workspaceId}/home`);
    await owner.goto(`${platform.url}/workspaces`);
    await owner.getByRole('link', { name: /Acme Social/ }).waitFor();
    await screenshot(owner, '13-workspaces');
  });
});
