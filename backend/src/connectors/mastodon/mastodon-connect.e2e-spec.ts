import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Publisher } from '../../publishing/publisher';
import { SchedulerTick } from '../../publishing/scheduler-tick';
import { FakeNetwork, readForm, readJson } from '../../testing/fake-network';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

const CALLBACK = 'http://app.test/api/v1/accounts/oauth/mastodon/callback';

/** Connecting a Mastodon account over HTTP, the person's instance answered by a local fake. */
describe.each(DATABASE_KINDS)('connecting a Mastodon account on its own instance on %s', (kind) => {
  let t: TestApp;
  let instance: FakeNetwork;
  let owner: TestUser;
  let workspaceId: string;

  const start = (body: object) =>
    t.http.post('/api/v1/accounts/oauth/mastodon/start').set(as(owner, workspaceId)).send(body);

  const answerAsInstance = () =>
    instance
      .on('POST', '/api/v1/apps', {
        json: { id: '1', name: 'SocialOrchestrator', client_id: 'instance-client', client_secret: 'instance-secret' },
      })
      .on('POST', '/oauth/token', {
        json: { access_token: 'masto-token', token_type: 'Bearer', scope: 'read write', created_at: 1733220000 },
      })
      .on('GET', '/api/v1/accounts/verify_credentials', {
        json: { id: '109', username: 'ada', acct: 'ada', display_name: 'Ada Lovelace', followers_count: 3 },
      })
      .on('GET', '/api/v2/instance', {
        json: {
          domain: 'social.example',
          configuration: {
            statuses: { max_characters: 1000, max_media_attachments: 6 },
            media_attachments: { image_size_limit: 8_388_608, video_size_limit: 41_943_040 },
            polls: { max_options: 5, max_characters_per_option: 60, min_expiration: 300, max_expiration: 604800 },
          },
        },
      });

  beforeAll(async () => {
    instance = await FakeNetwork.start();
    // The instance is on loopback: the server's guard against private addresses is lifted, as an intranet would.
    t = await startTestApp(kind, { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Fediverse Co');
  });
  beforeEach(() => instance.reset());
  afterAll(async () => {
    await t?.close();
    await instance?.close();
  });

  it('registers our app on the instance once, sends the person to that instance, and stores the account with its limits', async () => {
    answerAsInstance();

    const first = await start({ instanceUrl: `${instance.url}/` }).expect(200);
    const authorize = new URL(first.body.authorizeUrl as string);
    expect(authorize.origin).toBe(instance.url);
    expect(authorize.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'instance-client',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'read write',
    });
    expect(readJson(instance.to('POST', '/api/v1/apps')[0])).toEqual({
      client_name: 'SocialOrchestrator',
      redirect_uris: CALLBACK,
      scopes: 'read write',
      website: 'http://app.test',
    });

    const again = new URL((await start({ instanceUrl: instance.url }).expect(200)).body.authorizeUrl as string);
    expect(instance.to('POST', '/api/v1/apps')).toHaveLength(1);
    const app = await t.db.getRepository('MastodonApp').findOneByOrFail({ instanceUrl: instance.url });
    expect(app.clientSecretSealed).not.toContain('instance-secret');

    const res = await t.http
      .get('/api/v1/accounts/oauth/mastodon/callback')
      .query({ state: again.searchParams.get('state')!, code: 'code-1' })
      .expect(302);

    expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=mastodon&count=1`);
    const token = readForm(instance.to('POST', '/oauth/token')[0]);
    expect(Object.fromEntries(token)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'code-1',
      client_id: 'instance-client',
      client_secret: 'instance-secret',
      redirect_uri: CALLBACK,
    });
    expect(instance.to('GET', '/api/v1/accounts/verify_credentials')[0].headers.authorization).toBe(
      'Bearer masto-token',
    );
    const listed = (await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200)).body.items as Array<
      Record<string, unknown>
    >;
    const account = listed.find((a) => a.network === 'mastodon')!;
    expect(account).toMatchObject({ name: 'Ada Lovelace', status: 'active', missingScopes: [] });
    const row = await t.db.getRepository('SocialAccount').findOneByOrFail({ id: account.id as string });
    expect(row.externalAccountId).toBe(`109@${new URL(instance.url).host}`);
    expect(row.settings).toMatchObject({
      instanceUrl: instance.url,
      handle: `@ada@${new URL(instance.url).host}`,
      instanceLimits: { maxCharacters: 1000, maxMediaAttachments: 6, pollMaxOptions: 5, videoSizeLimit: 41_943_040 },
    });
  });

  it("schedules against the instance's own limit: 600 characters pass where it allows 1,000, 1,001 are refused", async () => {
    const [row] = await t.db.getRepository('SocialAccount').findBy({ network: 'mastodon' });
    const schedule = { type: 'single', at: new Date(Date.now() + 86_400_000).toISOString() };
    const post = (text: string) =>
      t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({ text, variants: [{ accountId: row.id, postType: 'status' }], schedule });

    await post('a'.repeat(600)).expect(201);
    const refused = await post('a'.repeat(1001)).expect(400);

    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'variants[0].text', message: expect.stringContaining('allows 1000') }),
    ]);
  });

  it('publishes a scheduled status to the instance with its idempotency key, checked against the instance limit', async () => {
    const [row] = await t.db.getRepository('SocialAccount').findBy({ network: 'mastodon' });
    const text = `long status ${'b'.repeat(700)}`;
    instance.on('POST', '/api/v1/statuses', {
      json: { id: '555', url: 'https://social.example/@ada/555', content: `<p>${text}</p>` },
    });
    const created = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({
        text,
        variants: [{ accountId: row.id, postType: 'status', options: { visibility: 'unlisted', spoilerText: 'Long' } }],
        schedule: { type: 'single', at: new Date(Date.now() + 1500).toISOString() },
      })
      .expect(201);

    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 50 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(10, new Date(Date.now() + 60_000))) await publisher.attempt(job);

    const [sent] = instance.to('POST', '/api/v1/statuses');
    expect(sent.headers.authorization).toBe('Bearer masto-token');
    expect(sent.headers['idempotency-key']).toMatch(/.+/);
    expect(readJson(sent)).toEqual({ status: text, visibility: 'unlisted', spoiler_text: 'Long', sensitive: true });
    const post = (await t.http.get(`/api/v1/posts/${created.body.id}`).set(as(owner, workspaceId)).expect(200)).body;
    expect(post.variants[0]).toMatchObject({ state: 'published', externalId: '555' });
  });

  it('reconnecting an account without naming the instance uses the one it is on', async () => {
    answerAsInstance();
    await start({ instanceUrl: instance.url }).expect(200);
    const [row] = await t.db.getRepository('SocialAccount').findBy({ network: 'mastodon' });

    const res = await start({ accountId: row.id }).expect(200);

    expect(new URL(res.body.authorizeUrl as string).origin).toBe(instance.url);
  });

  it('answers 400 naming instanceUrl when it is missing or not an address, 502 when the instance cannot be reached', async () => {
    const missing = await start({}).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'instanceUrl' })]);

    const bad = await start({ instanceUrl: 'not an address' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'instanceUrl' })]);

    // An instance that answers 5xx to the app registration, and one that does not answer at all.
    const failing = await FakeNetwork.start();
    failing.on('POST', '/api/v1/apps', { status: 503, text: 'maintenance' });
    const failingUrl = failing.url;
    const down = await start({ instanceUrl: failingUrl }).expect(502);
    await failing.close();
    const unreachable = await start({ instanceUrl: failingUrl }).expect(502);

    for (const res of [down, unreachable])
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'instanceUrl' })]);
    expect(await t.db.getRepository('OAuthAttempt').countBy({ instanceUrl: failingUrl })).toBe(0);
    expect(await t.db.getRepository('MastodonApp').countBy({ instanceUrl: failingUrl })).toBe(0);
  });
});
