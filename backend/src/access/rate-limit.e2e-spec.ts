import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each(DATABASE_KINDS)('public API rate limit on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { API_RATE_LIMIT: '5', API_RATE_WINDOW_SECONDS: '60' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner);
  });
  afterAll(() => t?.close());

  it('counts each API key on its own, with RateLimit-* headers on every answer and 429 + Retry-After past it', async () => {
    const created = await t.http
      .post('/api/v1/api-keys')
      .set(as(owner, workspaceId))
      .send({ name: 'Zapier', scopes: ['posts:read'] })
      .expect(201);
    const key = { Authorization: `Bearer ${created.body.key}` };
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http.get('/api/v1/posts').set(key).expect(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
      remaining.push(res.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const refused = await t.http.get('/api/v1/posts').set(key);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    // Another key, and its creator signed in, each have their own budget.
    const other = await t.http
      .post('/api/v1/api-keys')
      .set(as(owner, workspaceId))
      .send({ name: 'Make', scopes: ['posts:read'] })
      .expect(201);
    const fresh = await t.http.get('/api/v1/posts').set({ Authorization: `Bearer ${other.body.key}` });
    expect(fresh.status).toBe(200);
    expect(fresh.headers['ratelimit-remaining']).toBe('4');
  });

  it('counts a signed-in user across sessions and workspaces', async () => {
    const user = await newUser(t, 'busy');
    const second = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.http.get('/api/v1/me').set(as(user))).status);
    for (let i = 0; i < 3; i++)
      statuses.push((await t.http.get('/api/v1/me').auth(second.body.accessToken, { type: 'bearer' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Public routes are not counted against anyone.
    expect((await t.http.get('/api/v1/permissions')).headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('public API rate limit shared through Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two API processes on one database and one Redis; a fresh key space per run.
    // Sign-ups from 127.0.0.1 would also count in Redis, across runs: not what this spec is about.
    const settings = {
      API_RATE_LIMIT: '6',
      API_RATE_WINDOW_SECONDS: '60',
      REDIS_URL,
      REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
    };
    first = await startTestApp('sqlite', settings);
    second = await startTestApp('sqlite', { ...settings, DATABASE_URL: first.config.databaseUrl });
  });
  afterAll(async () => {
    await second?.app.close();
    await first?.close();
  });

  it('gives two app instances one budget per key', async () => {
    const owner = await newUser(first, `owner-${randomBytes(3).toString('hex')}`);
    const workspaceId = await newWorkspace(first, owner);
    const created = await first.http
      .post('/api/v1/api-keys')
      .set(as(owner, workspaceId))
      .send({ name: 'Shared', scopes: ['posts:read'] })
      .expect(201);
    const key = { Authorization: `Bearer ${created.body.key}` };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await first.http.get('/api/v1/posts').set(key)).status);
      statuses.push((await second.http.get('/api/v1/posts').set(key)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const last = await second.http.get('/api/v1/posts').set(key);
    expect(last.headers['ratelimit-remaining']).toBe('0');
  });
});
