import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';

describe('health, metrics and OpenAPI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(() => t?.close());

  it('GET /healthz answers ok', async () => {
    expect((await t.http.get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database and the job store', async () => {
    const res = await t.http.get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', jobStore: 'ok', flowRuntime: 'off' } });
  });

  it('GET /readyz answers 503 when the database is gone', async () => {
    const other = await startTestApp('sqlite');
    await other.db.destroy();
    const res = await other.http.get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.database).toMatch(/^error: /);
    await other.app.close();
  });

  it('GET /metrics serves Prometheus text with route-level HTTP durations', async () => {
    await t.http.get('/api/v1/permissions').expect(200);
    const res = await t.http.get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/permissions",status="200"\} \d+/,
    );
  });

  it('serves the OpenAPI document generated from the code, and the docs page', async () => {
    const doc = await t.http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/workspaces/{id}',
      '/api/v1/api-keys',
      '/api/v1/me',
      '/api/v1/members',
      '/api/v1/invites',
      '/api/v1/activity',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.components.schemas.RegisterDto.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name']),
    );
    const page = await t.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });

  it('GET /metrics demands the METRICS_TOKEN bearer once one is set', async () => {
    const token = 'metrics-token-for-the-spec-0123456789';
    const guarded = await startTestApp('sqlite', { METRICS_TOKEN: token });
    try {
      expect((await guarded.http.get('/metrics')).status).toBe(401);
      expect((await guarded.http.get('/metrics').auth('wrong-token-of-some-length', { type: 'bearer' })).status).toBe(
        401,
      );
      const scraped = await guarded.http.get('/metrics').auth(token, { type: 'bearer' });
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('process_cpu_user_seconds_total');
    } finally {
      await guarded.close();
    }
  });

  it('in production, without settings, serves neither /metrics nor the API docs', async () => {
    const production = {
      NODE_ENV: 'production',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const closed = await startTestApp('sqlite', production);
    try {
      expect((await closed.http.get('/metrics')).status).toBe(404);
      expect((await closed.http.get('/api/docs')).status).toBe(404);
      expect((await closed.http.get('/api/openapi.json')).status).toBe(404);
      expect((await closed.http.get('/healthz')).status).toBe(200);
    } finally {
      await closed.close();
    }
    const opened = await startTestApp('sqlite', { ...production, API_DOCS: 'on', METRICS_TOKEN: 'x'.repeat(20) });
    try {
      expect((await opened.http.get('/api/openapi.json')).status).toBe(200);
      expect((await opened.http.get('/metrics').auth('x'.repeat(20), { type: 'bearer' })).status).toBe(200);
    } finally {
      await opened.close();
    }
  });

  it('describes the rate limit in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body;
    expect(doc.info.description).toContain('RateLimit-Remaining');
    expect(doc.paths['/api/v1/posts'].get.responses['429'].headers).toHaveProperty('Retry-After');
  });
});
