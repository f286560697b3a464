import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../accounts/accounts.service';
import { SocialAccount } from '../../accounts/social-account.entity';
import { PublishJob } from '../../publishing/publish-job.entity';
import { Publisher } from '../../publishing/publisher';
import { SchedulerTick } from '../../publishing/scheduler-tick';
import { as, newUser, newWorkspace, type TestUser } from '../../testing/factories';
import { pngOf } from '../../testing/images';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { startWordPressSite, type WordPressSite } from '../../testing/wordpress-site';
import type { Connector } from '../connector';
import { CONNECTORS, type ConnectorMap } from '../connectors.module';

/**
 * WordPress end to end against Debian's WordPress on PHP's built-in server and the local MariaDB:
 * connect with an application password through the API, publish an article with a featured image,
 * categories and tags through the publishing engine, read it back over WordPress's REST API, find
 * it again as a crash reconciliation would, delete it with its image.
 */
describe('WordPress on a real site', () => {
  let site: WordPressSite;
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let accountId: string;
  let wordpress: Connector;

  beforeAll(async () => {
    site = await startWordPressSite();
    // The site lives on loopback: the outbound guard lets the server reach it here.
    t = await startTestApp('sqlite', { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Bakery');
    wordpress = t.app.get<ConnectorMap>(CONNECTORS).wordpress!;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await site?.stop();
  });

  const connect = (credentials: Record<string, string>) =>
    t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'wordpress', credentials });
  /** The site's REST API as the administrator, outside the platform. */
  const rest = async (route: string) => {
    const auth = Buffer.from(`${site.username}:${site.applicationPassword}`).toString('base64');
    const response = await fetch(`${site.url}/wp-json${route}`, { headers: { authorization: `Basic ${auth}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const credentials = async () => {
    const account = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
    return t.app.get(AccountsService).credentials(account);
  };

  it('refuses a wrong application password and an address without WordPress (our own server), naming the field', async () => {
    const wrong = await connect({
      siteUrl: site.url,
      username: 'admin',
      applicationPassword: 'abcd efgh ijkl mnop qrst uvwx',
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('credentials.applicationPassword');
    const nowhere = await connect({
      siteUrl: await t.app.getUrl(),
      username: 'admin',
      applicationPassword: site.applicationPassword,
    });
    expect(nowhere.status).toBe(400);
    expect(JSON.stringify(nowhere.body)).toContain('credentials.siteUrl');
    expect(await t.db.getRepository(SocialAccount).countBy({ network: 'wordpress' })).toBe(0);
  });

  it('connects with an application password, sealed at rest; reconnecting keeps one account', async () => {
    // Any page of the site names the same account: its home address.
    for (const siteUrl of [site.url, `${site.url}/sample-page/`]) {
      const res = await connect({ siteUrl, username: 'admin', applicationPassword: site.applicationPassword });
      expect(res.status).toBe(201);
    }
    const rows = await t.db.getRepository(SocialAccount).findBy({ network: 'wordpress', workspaceId });
    expect(rows.map((r) => [r.externalAccountId, r.name])).toEqual([
      [`${site.url}#user-1`, 'SocialOrchestrator test blog (admin)'],
    ]);
    expect(rows[0].accessTokenSealed).not.toContain(site.applicationPassword);
    accountId = rows[0].id;
  });

  it('publishes an article with a featured image, categories and tags; WordPress has each as sent', async () => {
    const image = await pngOf(120, 80, { r: 30, g: 140, b: 90 });
    const media = await t.http
      .post('/api/v1/media')
      .set(as(owner, workspaceId))
      .attach('file', image, 'loaf.png')
      .expect(201);
    const text =
      'Our sourdough is back <script>alert(1)</script> & warm.\nFrom 7am daily.\n\nOrder at https://bakery.example/order';
    const options = {
      title: 'Sourdough returns',
      excerpt: 'The loaf is back.',
      categories: ['News', 'Bread & Pastry'],
      tags: ['sourdough', 'morning'],
      altTexts: ['A green square standing in for a loaf'],
    };
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({
        text,
        variants: [{ accountId, postType: 'article', mediaIds: [media.body.id], options }],
        schedule: { type: 'now' },
      })
      .expect(201);
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 50 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(10, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    const done = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(done.body.variants[0]).toMatchObject({ state: 'published' });
    const postId = done.body.variants[0].externalId as string;

    const article = (await rest(`/wp/v2/posts/${postId}?context=edit`)).body;
    expect(article).toMatchObject({
      status: 'publish',
      title: { raw: 'Sourdough returns' },
      excerpt: { raw: 'The loaf is back.' },
    });
    expect((article.content as { raw: string }).raw).toBe(
      '<p>Our sourdough is back &lt;script&gt;alert(1)&lt;/script&gt; &amp; warm.<br>\nFrom 7am daily.</p>\n' +
        '<p>Order at <a href="https://bakery.example/order">https://bakery.example/order</a></p>',
    );
    const names = async (taxonomy: string, ids: number[]) =>
      Promise.all(ids.map(async (id) => (await rest(`/wp/v2/${taxonomy}/${id}`)).body.name as string));
    expect((await names('categories', article.categories as number[])).sort()).toEqual(['Bread &amp; Pastry', 'News']);
    expect((await names('tags', article.tags as number[])).sort()).toEqual(['morning', 'sourdough']);
    const featured = (await rest(`/wp/v2/media/${article.featured_media as number}?context=edit`)).body;
    expect(featured).toMatchObject({
      alt_text: options.altTexts[0],
      mime_type: 'image/png',
      media_details: { width: 120, height: 80 },
    });

    // A crash after WordPress took the post: the reconciler finds it by the attempt's slug.
    const job = await t.db.getRepository(PublishJob).findOneByOrFail({ postId: post.body.id });
    const request = await publisher.request((await publisher.load(job))!);
    expect(await wordpress.findPublished!(await credentials(), request)).toEqual({
      externalId: postId,
      url: article.link,
    });
    expect((await wordpress.fetchAccountStats(await credentials())).posts).toBeGreaterThanOrEqual(1);
    expect((await wordpress.fetchMetrics(await credentials(), [postId])).get(postId)).toMatchObject({
      comments: 0,
      impressions: null,
    });

    await wordpress.delete(await credentials(), postId);
    expect((await rest(`/wp/v2/posts/${postId}?context=edit`)).status).toBe(404);
    expect((await rest(`/wp/v2/media/${article.featured_media as number}?context=edit`)).status).toBe(404);
    expect(await wordpress.findPublished!(await credentials(), request)).toBeNull();
  }, 60_000);
  it('keeps the slug of drafts and scheduled posts, so an interrupted attempt is found whatever its status', async () => {
    const publishAt = new Date(Date.now() + 7 * 86_400_000);
    for (const [key, options] of [
      ['draft-key', { title: 'Menu draft', status: 'draft' }],
      ['future-key', { title: 'Menu next week', status: 'future', publishAt: publishAt.toISOString() }],
    ] as const) {
      const request = {
        idempotencyKey: key,
        postType: 'article' as const,
        text: 'Soon',
        link: null,
        media: [],
        options,
      };
      const made = await wordpress.publish(await credentials(), request);
      const stored = (await rest(`/wp/v2/posts/${made.externalId}?context=edit`)).body;
      expect(stored).toMatchObject({ status: options.status, title: { raw: options.title } });
      if (options.status === 'future') expect(stored.date_gmt).toBe(publishAt.toISOString().slice(0, 19));
      expect(await wordpress.findPublished!(await credentials(), request)).toMatchObject({
        externalId: made.externalId,
      });
      await wordpress.delete(await credentials(), made.externalId);
      expect(await wordpress.findPublished!(await credentials(), request)).toBeNull();
    }
  });
});
