import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetricsUnavailableError, PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson } from '../../testing/fake-network';
import { articleSlug, imageSlug } from './wordpress.content';
import { WordPressConnector } from './wordpress.connector';
import { restUrl, sealableSite } from './wordpress.site';

const KEY = 'job-1';
const TITLE = 'Spring launch';
const SLUG = articleSlug(TITLE, KEY);
const request = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest(
    { idempotencyKey: KEY, postType: 'article', text: 'Hello <b>world</b>', options: { title: TITLE } },
    overrides,
  );
const post = (id: number, extra: object = {}) => ({ id, link: `https://blog.example/${SLUG}/`, ...extra });
const wpError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  json: { code, message, data: { status } },
});

describe('WordPressConnector', () => {
  let fake: FakeNetwork;
  let connector: WordPressConnector;
  let account: { externalAccountId: string; accessToken: string };

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new WordPressConnector({ allowPrivate: true });
    const site = {
      siteUrl: fake.url,
      username: 'editor',
      applicationPassword: 'abcd efgh',
      apiRoot: `${fake.url}/wp-json/`,
    };
    account = { externalAccountId: `${fake.url}#user-2`, accessToken: sealableSite(site) };
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('posts the article as safe HTML with its slug, with the application password as Basic auth', async () => {
      fake.on('POST', '/wp-json/wp/v2/posts', { status: 201, json: post(41) });

      const published = await connector.publish(account, request({ link: 'https://shop.example/spring' }));

      expect(published).toEqual({ externalId: '41', url: `https://blog.example/${SLUG}/` });
      const [sent] = fake.received;
      expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('editor:abcd efgh').toString('base64')}`);
      expect(readJson(sent)).toEqual({
        title: TITLE,
        content:
          '<p>Hello &lt;b&gt;world&lt;/b&gt;</p>\n<p><a href="https://shop.example/spring">https://shop.example/spring</a></p>',
        status: 'publish',
        slug: SLUG,
      });
      expect(SLUG).toMatch(/^spring-launch-so[0-9a-f]{12}$/);
    });

    it('finds or creates categories and tags by name and uploads the featured image with its alt text', async () => {
      fake
        .on('GET', '/wp-json/wp/v2/categories', (r) => ({
          json:
            r.query.get('search') === 'News'
              ? [
                  { id: 3, name: 'News &amp; Views' },
                  { id: 4, name: 'news' },
                ]
              : [],
        }))
        .on('POST', '/wp-json/wp/v2/categories', {
          status: 400,
          json: { code: 'term_exists', message: 'exists', data: { status: 400, term_id: 9 } },
        })
        .on('GET', '/wp-json/wp/v2/tags', { json: [] })
        .on('POST', '/wp-json/wp/v2/tags', (r) => ({
          status: 201,
          json: { id: (readJson(r) as { name: string }).name === 'spring' ? 21 : 22 },
        }))
        .on('GET', '/wp-json/wp/v2/media', { json: [] })
        .on('POST', '/wp-json/wp/v2/media', { status: 201, json: { id: 77 } })
        .on('POST', '/wp-json/wp/v2/posts', { status: 201, json: post(42) });
      const image = uploadMedia('image', 'image/png', Buffer.from('png-bytes'));
      const options = {
        title: TITLE,
        categories: ['News', 'Launches'],
        tags: ['spring', 'sale', 'spring'],
        altTexts: ['A tulip'],
        excerpt: 'Short',
      };

      await connector.publish(account, request({ media: [image], options }));

      const [upload] = fake.to('POST', '/wp-json/wp/v2/media');
      expect(upload.body.toString()).toBe('png-bytes');
      expect(upload.headers['content-type']).toBe('image/png');
      expect(upload.headers['content-disposition']).toBe(`attachment; filename="${imageSlug(SLUG)}.png"`);
      expect(Object.fromEntries(upload.query)).toEqual({ slug: imageSlug(SLUG), title: TITLE, alt_text: 'A tulip' });
      expect(fake.to('POST', '/wp-json/wp/v2/tags').map((r) => readJson(r))).toEqual([
        { name: 'spring' },
        { name: 'sale' },
      ]);
      expect(readJson(fake.to('POST', '/wp-json/wp/v2/posts')[0])).toMatchObject({
        categories: [4, 9],
        tags: [21, 22],
        featured_media: 77,
        excerpt: 'Short',
      });
    });

    it('reuses the image an interrupted attempt uploaded under the same slug', async () => {
      fake
        .on('GET', '/wp-json/wp/v2/media', { json: [{ id: 55 }] })
        .on('POST', '/wp-json/wp/v2/posts', { status: 201, json: post(43) });

      await connector.publish(account, request({ media: [uploadMedia('image', 'image/jpeg', Buffer.from('x'))] }));

      expect(fake.to('POST', '/wp-json/wp/v2/media')).toHaveLength(0);
      expect(readJson(fake.to('POST', '/wp-json/wp/v2/posts')[0])).toMatchObject({ featured_media: 55 });
    });

    it('schedules a future post with date_gmt and saves drafts as drafts', async () => {
      fake.on('POST', '/wp-json/wp/v2/posts', { status: 201, json: post(44) });
      const at = '2031-05-01T09:30:00+02:00';

      await connector.publish(account, request({ options: { title: TITLE, status: 'future', publishAt: at } }));
      await connector.publish(account, request({ options: { title: TITLE, status: 'draft' } }));

      const [future, draft] = fake.to('POST', '/wp-json/wp/v2/posts').map((r) => readJson(r));
      expect(future).toMatchObject({ status: 'future', date_gmt: '2031-05-01T07:30:00' });
      expect(draft).toMatchObject({ status: 'draft' });
    });

    it('refuses bad options before calling the site', async () => {
      const failure = await failureOf(
        connector.publish(account, request({ options: { title: TITLE, status: 'future', tags: 'one' } })),
      );
      expect(failure.kind).toBe('bad-request');
      expect(failure.reason).toContain('options.publishAt');
      expect(failure.reason).toContain('options.tags');
      expect((await failureOf(connector.publish(account, request({ options: {} })))).reason).toContain('options.title');
      expect(fake.received).toHaveLength(0);
    });
  });

  describe('failures', () => {
    const refusedWith = async (reply: object) => {
      fake.on('POST', '/wp-json/wp/v2/posts', reply);
      return failureOf(connector.publish(account, request()));
    };

    it('401: the application password was refused or revoked', async () => {
      expect(
        await refusedWith(
          wpError(401, 'incorrect_password', 'The provided password is an invalid application password.'),
        ),
      ).toEqual({
        kind: 'reauth',
        reason: 'WordPress refused the application password: The provided password is an invalid application password.',
      });
    });

    it('403 rest_cannot_create: the user may not write posts (reconnect); rest_cannot_publish: choose a draft', async () => {
      expect(
        (
          await refusedWith(
            wpError(403, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.'),
          )
        ).kind,
      ).toBe('reauth');
      const publish = await refusedWith(
        wpError(403, 'rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.'),
      );
      expect(publish).toEqual({
        kind: 'bad-request',
        reason:
          'WordPress refused this post (rest_cannot_publish): Sorry, you are not allowed to publish posts in this post type.',
      });
    });

    it('400 rest_invalid_param names the parameter', async () => {
      const failure = await refusedWith({
        status: 400,
        json: {
          code: 'rest_invalid_param',
          message: 'Invalid parameter(s): status',
          data: { status: 400, params: { status: 'status is not one of publish' } },
        },
      });
      expect(failure).toEqual({
        kind: 'bad-request',
        reason: 'WordPress HTTP 400: Invalid parameter(s): status; status: status is not one of publish',
      });
    });

    it('429 and 503 are retried after Retry-After; other 5xx are retried', async () => {
      expect(await refusedWith(wpError(429, 'too_many_requests', 'Slow down', { 'retry-after': '120' }))).toMatchObject(
        { kind: 'retry', afterMs: 120_000 },
      );
      expect(
        await refusedWith({ status: 503, headers: { 'retry-after': '30' }, text: '<h1>Maintenance</h1>' }),
      ).toMatchObject({
        kind: 'retry',
        afterMs: 30_000,
      });
      expect(
        await refusedWith(wpError(500, 'db_insert_error', 'Could not insert post into the database.')),
      ).toMatchObject({ kind: 'retry', afterMs: null });
    });

    it('404 rest_no_route: the REST API is gone (disconnect)', async () => {
      expect(
        (await refusedWith(wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.')))
          .kind,
      ).toBe('disconnect');
    });

    it('a refused upload is a bad request, never retried (WordPress sends some as 500)', async () => {
      fake
        .on('GET', '/wp-json/wp/v2/media', { json: [] })
        .on(
          'POST',
          '/wp-json/wp/v2/media',
          wpError(500, 'rest_upload_sideload_error', 'Sorry, you are not allowed to upload this file type.'),
        );
      const failure = await failureOf(
        connector.publish(account, request({ media: [uploadMedia('image', 'image/avif', Buffer.from('a'))] })),
      );
      expect(failure).toEqual({
        kind: 'bad-request',
        reason: 'WordPress refused the image: Sorry, you are not allowed to upload this file type.',
      });
    });

    it('a success that is not JSON (a security plugin page) or lacks the id is retried', async () => {
      expect(await refusedWith({ status: 201, text: '<html>Checking your browser</html>' })).toMatchObject({
        kind: 'retry',
      });
      expect(await refusedWith({ status: 201, json: { link: 'x' } })).toMatchObject({
        kind: 'retry',
        reason: 'WordPress answered without id',
      });
    });

    it('a token that is not a WordPress site asks for reconnecting', async () => {
      expect(await failureOf(connector.publish({ ...account, accessToken: 'old-token' }, request()))).toMatchObject({
        kind: 'reauth',
      });
    });
  });

  describe('findPublished', () => {
    it('looks the slug up across every status', async () => {
      fake.on('GET', '/wp-json/wp/v2/posts', (r) => ({ json: r.query.get('slug') === SLUG ? [post(45)] : [] }));

      expect(await connector.findPublished(account, request())).toEqual({
        externalId: '45',
        url: `https://blog.example/${SLUG}/`,
      });
      expect(fake.received[0].query.get('status')).toBe('publish,future,draft,pending,private');
      expect(await connector.findPublished(account, request({ idempotencyKey: 'job-2' }))).toBeNull();
    });
  });

  describe('delete', () => {
    it('deletes the post for good and the image uploaded with it', async () => {
      fake
        .on('GET', '/wp-json/wp/v2/posts/46', { json: { id: 46, slug: SLUG, featured_media: 77 } })
        .on('GET', '/wp-json/wp/v2/media/77', { json: { slug: imageSlug(SLUG) } })
        .on('DELETE', '/wp-json/wp/v2/posts/46', { json: { deleted: true } })
        .on('DELETE', '/wp-json/wp/v2/media/77', { json: { deleted: true } });

      await connector.delete(account, '46');

      expect(fake.to('DELETE', '/wp-json/wp/v2/posts/46')[0].query.get('force')).toBe('true');
      expect(fake.to('DELETE', '/wp-json/wp/v2/media/77')[0].query.get('force')).toBe('true');
    });

    it('keeps a library image other posts may use, and counts a post already gone as deleted', async () => {
      fake
        .on('GET', '/wp-json/wp/v2/posts/47', { json: { id: 47, slug: SLUG, featured_media: 12 } })
        .on('GET', '/wp-json/wp/v2/media/12', { json: { slug: 'tulips' } })
        .on('DELETE', '/wp-json/wp/v2/posts/47', { json: { deleted: true } })
        .on('GET', '/wp-json/wp/v2/posts/48', wpError(404, 'rest_post_invalid_id', 'Invalid post ID.'));

      await connector.delete(account, '47');
      await connector.delete(account, '48');

      expect(fake.received.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
        '/wp-json/wp/v2/posts/47',
      ]);
    });
  });

  describe('metrics', () => {
    it('reads approved comments per post; views and the rest are not offered; a deleted post is left out', async () => {
      fake
        .on('GET', '/wp-json/wp/v2/posts', { json: [{ id: 1 }, { id: 2 }] })
        .on('GET', '/wp-json/wp/v2/comments', (r) => ({
          json: [],
          headers: { 'x-wp-total': r.query.get('post') === '1' ? '7' : '0' },
        }));

      const metrics = await connector.fetchMetrics(account, ['1', '2', '3']);

      expect([...metrics.keys()]).toEqual(['1', '2']);
      expect(metrics.get('1')).toMatchObject({
        comments: 7,
        impressions: null,
        reach: null,
        reactions: null,
        videoViews: null,
      });
      expect(metrics.get('2')?.comments).toBe(0);
      expect(fake.to('GET', '/wp-json/wp/v2/posts')[0].query.get('include')).toBe('1,2,3');
    });

    it('a user who may no longer edit posts makes metrics unavailable, saying what to do', async () => {
      fake.on(
        'GET',
        '/wp-json/wp/v2/posts',
        wpError(403, 'rest_forbidden_context', 'Sorry, you are not allowed to edit posts.'),
      );
      const error = await connector.fetchMetrics(account, ['1']).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MetricsUnavailableError);
      expect((error as MetricsUnavailableError).reason).toContain('reconnect as an Author');
      fake.on('GET', '/wp-json/wp/v2/posts', wpError(401, 'incorrect_password', 'Revoked'));
      expect((await failureOf(connector.fetchMetrics(account, ['1']))).kind).toBe('reauth');
    });

    it("counts the site's published posts from X-WP-Total", async () => {
      fake.on('GET', '/wp-json/wp/v2/posts', { json: [{ id: 1 }], headers: { 'x-wp-total': '128' } });
      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: null,
        following: null,
        posts: 128,
        profileViews: null,
      });
    });

    it('lists posts since a date, page by page', async () => {
      const page = (id: number) => ({
        id,
        link: `https://blog.example/${id}/`,
        title: { rendered: `Post &#8220;${id}&#8221;` },
        date_gmt: '2026-11-02T10:00:00',
        featured_media: id === 1 ? 5 : 0,
      });
      fake.on('GET', '/wp-json/wp/v2/posts', (r) => ({
        json: [page(Number(r.query.get('page')))],
        headers: { 'x-wp-totalpages': '2' },
      }));

      const posts = await connector.listPosts(account, new Date('2026-11-01T00:00:00Z'));

      expect(posts).toEqual([
        {
          externalId: '1',
          url: 'https://blog.example/1/',
          text: 'Post “1”',
          publishedAt: new Date('2026-11-02T10:00:00Z'),
          postType: 'article',
          mediaKind: 'image',
        },
        {
          externalId: '2',
          url: 'https://blog.example/2/',
          text: 'Post “2”',
          publishedAt: new Date('2026-11-02T10:00:00Z'),
          postType: 'article',
          mediaKind: null,
        },
      ]);
      expect(fake.received[0].query.get('after')).toBe('2026-11-01T00:00:00.000Z');
    });
  });

  it('routes through rest_route on sites with plain permalinks', () => {
    expect(restUrl('https://blog.example/index.php?rest_route=/', '/wp/v2/posts', { slug: 'a b' })).toBe(
      'https://blog.example/index.php?rest_route=%2Fwp%2Fv2%2Fposts&slug=a+b',
    );
    expect(restUrl('https://blog.example/wp-json/', '/wp/v2/posts')).toBe('https://blog.example/wp-json/wp/v2/posts');
  });
});
