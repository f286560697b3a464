import { DateTime } from 'luxon';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'backend', 'dist', 'main.js');
const WEB_INDEX = join(ROOT, 'web', 'dist', 'web', 'browser', 'index.html');
export const SCREENSHOTS = join(ROOT, 'web', 'e2e', 'screenshots');

export interface Platform {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

/** The real platform as `npm start` runs it (built backend serving the built web app), on a fresh SQLite file; `env` adds settings (e.g. the flow runtime). */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
  for (const file of [MAIN, WEB_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm test builds; or npm run build)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'so-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dataDir, 'e2e.db')}`,
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      FLOW_RUNTIME: 'off',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the platform exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the platform did not answer GET /readyz with 200 within 30 s (${url})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A picture of one part of a page (a preview, a dialog), kept with the journeys' screenshots. */
export async function screenshotOf(part: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await part.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The password every journey's people sign up with. */
export const PASSWORD = 'correct horse battery';

/** A link of the workspace's navigation, by its exact name. */
export const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true });

/**
 * Signs a new person up through the pages and has them create a workspace; the page is left on
 * the workspace's settings. Journeys that are about other things start here.
 */
export async function signUpWithWorkspace(
  page: Page,
  platform: Platform,
  person: { name: string; email: string; workspace: string },
): Promise<{ base: string; workspaceId: string }> {
  await page.goto(`${platform.url}/sign-up`);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/workspaces');
  await page.getByLabel('Name', { exact: true }).fill(person.workspace);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(/\/w\/[0-9a-f-]{36}\/settings$/);
  const base = page.url().replace(/\/settings$/, '');
  return { base, workspaceId: base.split('/w/')[1] };
}

/** Calls the API as someone, in a workspace: JSON in, JSON out (`{}` for 204). */
export type ApiCall = (method: string, path: string, body?: object) => Promise<Record<string, unknown>>;

/** A session of the test's own for checking what the API says (the page keeps its own). */
export async function apiSession(platform: Platform, email: string, workspaceId: string): Promise<ApiCall> {
  const login = await fetch(`${platform.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async (method, path, body) =>
    (await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'X-Workspace-Id': workspaceId,
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    }).then((r) => (r.status === 204 ? {} : r.json()))) as Record<string, unknown>;
}

/** A zone where it is not near midnight now, so "today" and "this week" stay put while a journey runs. */
export const DAYTIME_ZONE =
  ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland', 'America/Los_Angeles'].find((zone) => {
    const hour = DateTime.now().setZone(zone).hour;
    return hour >= 1 && hour <= 21;
  }) ?? 'UTC';

/** A 2×2 PNG: an image for a post, or a logo. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMAAAA4bAQGTkNlyAAAAAElFTkSuQmCC',
  'base64',
);

/** Puts an image in a workspace's media library as someone (a multipart upload, which ApiCall does not send); its id. */
export async function uploadImage(
  platform: Platform,
  email: string,
  workspaceId: string,
  fileName = 'image.png',
): Promise<string> {
  const login = await fetch(`${platform.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), fileName);
  const res = await fetch(`${platform.url}/api/v1/media`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${accessToken}`, 'X-Workspace-Id': workspaceId },
    body: form,
  });
  if (res.status !== 201) throw new Error(`uploading ${fileName} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
