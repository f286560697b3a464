import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
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

// The backend's image library draws the test's pictures: no binary fixtures in the repository.
const sharp = createRequire(join(resolve(__dirname, '..', '..'), 'backend', 'package.json'))(
  'sharp',
) as typeof import('sharp').default;

/** A 1200 × 900 PNG of one colour. */
async function picture(name: string, colour: string): Promise<{ name: string; base64: string }> {
  const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return { name, base64: png.toString('base64') };
}

/** Drops files on an element the way a browser does: dragenter, dragover, drop, with real File objects. */
async function dropFiles(page: Page, testId: string, files: { name: string; base64: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: 'image/png' }));
    }
    return transfer;
  }, files);
  const target = page.getByTestId(testId);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

interface Item {
  id: string;
  fileName: string;
  width: number;
  height: number;
  tags: string[];
  derivedFromId: string | null;
}

/**
 * The media library in Chromium against the real platform: three images dropped on the library
 * (a progress bar each), one tagged and found again by its tag and its name, cropped to 4:5 into
 * a new item (the original kept), copied to another workspace, attached to a post from the
 * composer's library picker and shown on the post's page; deleting is refused while a scheduled
 * post uses an image, and asked about when a draft does.
 */
describe('media library journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  let base: string;
  let otherWorkspaceId: string;
  let croppedId: string;
  let draftId: string;
  const email = `media-${Date.now()}@example.com`;
  const tiles = () => page.getByRole('list', { name: 'Media' }).locator('.tile');
  const tile = (name: string) => page.getByRole('button', { name: new RegExp(`^${name}, `) });
  const dialog = () => page.locator('dialog[open]');

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    const session = await signUpWithWorkspace(page, platform, {
      name: 'Mia Media',
      email,
      workspace: 'Pictures Co',
    });
    base = session.base;
    call = await apiSession(platform, email, session.workspaceId);
    await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Gallery' });
    otherWorkspaceId = (await call('POST', '/api/v1/workspaces', { name: 'Second Co', timeZone: 'UTC' })).id as string;
    // The switcher learns of the second workspace on the next load.
    await page.reload();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('starts empty and says how to add media', async () => {
    await page.goto(`${base}/media`);
    await page.getByText('No media yet.').waitFor();
    expect(await navLink(page, 'Media library').getAttribute('aria-current')).toBe('page');
  });

  it('uploads three images dropped together, each with its own progress bar', async () => {
    const files = await Promise.all([
      picture('beach.png', '#0ea5e9'),
      picture('forest.png', '#16a34a'),
      picture('sunset.png', '#f97316'),
    ]);
    await dropFiles(page, 'drop-zone', files);
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await expect.poll(() => uploads.getByText('Done').count()).toBe(3);
    await expect.poll(() => tiles().count()).toBe(3);
    for (const name of ['beach.png', 'forest.png', 'sunset.png']) await tile(name).waitFor();
    const stored = (await call('GET', '/api/v1/media')).items as Item[];
    expect(stored.map((i) => i.fileName).sort()).toEqual(['beach.png', 'forest.png', 'sunset.png']);
    expect(stored.every((i) => i.width === 1200 && i.height === 900)).toBe(true);
    await screenshot(page, 'media-library');
  });

  it('tags an image in its details, opened from the keyboard', async () => {
    await tile('forest.png').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]item=/);
    await dialog().getByTestId('media-dimensions').getByText('1200 × 900 pixels').waitFor();
    await dialog().getByText('Not used in any post yet.').waitFor();
    await dialog().getByLabel('Add a tag').fill('spring');
    await dialog().getByLabel('Add a tag').press('Enter');
    await dialog().getByRole('list', { name: 'Tags' }).getByText('spring').waitFor();
    const forest = ((await call('GET', '/api/v1/media?q=forest')).items as Item[])[0];
    expect(forest.tags).toEqual(['spring']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).not.toContain('item=');
  });

  it('finds the tagged image by its tag and by its name', async () => {
    await page.getByLabel('Tag', { exact: true }).selectOption('spring');
    await expect.poll(() => tiles().count()).toBe(1);
    await tile('forest.png').waitFor();
    await page.getByLabel('Tag', { exact: true }).selectOption('');
    await expect.poll(() => tiles().count()).toBe(3);
    await page.getByLabel('Search by name').fill('fore');
    await expect.poll(() => tiles().count()).toBe(1);
    await tile('forest.png').waitFor();
    await page.getByLabel('Search by name').fill('nothing-like-this');
    await page.getByText('Nothing matches this search.').waitFor();
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect.poll(() => tiles().count()).toBe(3);
  });

  it('crops the image to 4:5 into a new item and keeps the original', async () => {
    await tile('forest.png').click();
    await dialog().getByRole('button', { name: 'Edit…' }).click();
    await dialog()
      .getByLabel('Crop', { exact: true })
      .selectOption({ label: (await cropOption('4:5'))! });
    await dialog().getByLabel('Crop frame: arrow keys move it').waitFor();
    await expect.poll(() => dialog().getByTestId('edit-result').textContent()).toContain('720 × 900');
    await screenshot(page, 'media-editor');
    const original = page.url().split('item=')[1];
    await dialog().getByRole('button', { name: 'Save as a new copy' }).click();
    await expect.poll(() => page.url().split('item=')[1]).not.toBe(original);
    croppedId = page.url().split('item=')[1].split('&')[0];
    await dialog().getByTestId('media-dimensions').getByText('720 × 900 pixels').waitFor();

    const cropped = (await call('GET', `/api/v1/media/${croppedId}`)) as unknown as Item;
    expect(cropped.width * 5).toBe(cropped.height * 4);
    expect(cropped.derivedFromId).toBe(original);
    const kept = (await call('GET', `/api/v1/media/${original}`)) as unknown as Item;
    expect([kept.width, kept.height]).toEqual([1200, 900]);
    await expect.poll(() => tiles().count()).toBe(4);
  });

  it('copies the cropped image to another workspace', async () => {
    await dialog().getByRole('button', { name: 'Copy to workspace…' }).click();
    const copyDialog = page.getByRole('dialog', { name: 'Copy to another workspace' });
    await copyDialog.getByLabel('Workspace').selectOption({ label: 'Second Co' });
    await copyDialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await copyDialog.getByText('Copied to Second Co.').waitFor();
    await copyDialog.getByRole('button', { name: 'Done' }).click();
    const other = await apiSession(platform, email, otherWorkspaceId);
    const copies = (await other('GET', '/api/v1/media')).items as Item[];
    expect(copies).toHaveLength(1);
    expect([copies[0].width, copies[0].height]).toEqual([720, 900]);
    await page.keyboard.press('Escape');
  });

  it('attaches the cropped image from the composer’s library picker and shows it on the post page', async () => {
    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill('Spring is here');
    await page.getByRole('checkbox', { name: /Gallery/ }).check();
    await page.getByRole('button', { name: 'Pick from library…' }).click();
    const picker = page.getByRole('dialog', { name: 'Pick from the library' });
    await picker.locator(`[data-media="${croppedId}"]`).click();
    await picker.getByRole('button', { name: 'Add 1 to the post' }).click();
    const attached = page.getByRole('list', { name: 'Attached media' });
    await expect.poll(() => attached.locator('li').count()).toBe(1);
    await page.getByLabel('Save as draft').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split('/posts/')[1];
    draftId = postId;

    const media = page.getByRole('list', { name: 'Media' });
    await expect.poll(() => media.locator('img').count()).toBe(1);
    const cropped = (await call('GET', `/api/v1/media/${croppedId}`)) as unknown as Item & {
      usage: { postId: string }[];
    };
    expect(await media.getByRole('img').getAttribute('alt')).toBe(cropped.fileName);
    expect(cropped.usage.map((u) => u.postId)).toEqual([postId]);
    await screenshot(page, 'media-post');

    // The thumbnail leads back to the item, whose details list the post.
    await media.getByRole('link').click();
    await dialog().getByTestId('media-usage').getByText('Spring is here').waitFor();
  });

  it('refuses to delete an image a scheduled post uses, and asks before taking one out of a draft', async () => {
    const [account] = (await call('GET', '/api/v1/accounts')).items as { id: string }[];
    const forest = ((await call('GET', '/api/v1/media?q=forest')).items as Item[]).find((i) => !i.derivedFromId)!;
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await call('POST', '/api/v1/posts', {
      text: 'Later this week',
      variants: [{ accountId: account.id, mediaIds: [forest.id] }],
      schedule: { type: 'single', at: inThreeDays },
    });
    // The previous step left the cropped copy's details open on the library.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).not.toContain('item=');
    await page.reload();
    await page.locator(`[data-media="${forest.id}"]`).focus();
    await page.keyboard.press('Delete');
    const refusal = page.getByRole('dialog', { name: `${forest.fileName} is in use` });
    await refusal.getByRole('link', { name: 'Later this week' }).waitFor();
    expect(await refusal.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    await refusal.getByRole('button', { name: 'Close' }).click();

    await page.locator(`[data-media="${croppedId}"]`).focus();
    await page.keyboard.press('Delete');
    const ask = page.getByRole('dialog', { name: /^Delete .+\?$/ });
    await ask.getByRole('link', { name: 'Spring is here' }).waitFor();
    await ask.getByRole('button', { name: 'Delete anyway' }).click();
    await expect.poll(() => page.locator(`[data-media="${croppedId}"]`).count()).toBe(0);
    const draft = (await call('GET', `/api/v1/posts/${draftId}`)) as { variants: { mediaIds: string[] }[] };
    expect(draft.variants[0].mediaIds).toEqual([]);
    expect(((await call('GET', `/api/v1/media/${forest.id}`)) as unknown as Item).id).toBe(forest.id);
  });

  it('files what is dropped in an open folder into it', async () => {
    await page.getByLabel('New folder').fill('Campaign');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: 'Campaign' }).click();
    await page.getByText('This folder is empty.', { exact: false }).waitFor();
    await dropFiles(page, 'drop-zone', [await picture('poster.png', '#a855f7')]);
    await tile('poster.png').waitFor();
    expect(await tiles().count()).toBe(1);
    const [folder] = (await call('GET', '/api/v1/media-folders')).items as { id: string; name: string }[];
    const [poster] = (await call('GET', '/api/v1/media?q=poster')).items as (Item & { folderId: string })[];
    expect([folder.name, poster.folderId]).toEqual(['Campaign', folder.id]);
  });

  /** The crop option whose label starts with the ratio (it names the networks it fits). */
  async function cropOption(aspect: string): Promise<string | undefined> {
    const select = dialog().getByLabel('Crop', { exact: true });
    await select.waitFor();
    const labels = await select.locator('option').allTextContents();
    return labels.map((l) => l.trim()).find((l) => l.startsWith(aspect));
  }
});
