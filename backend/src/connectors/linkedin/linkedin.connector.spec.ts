import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LookupUnavailableError, PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson } from '../../testing/fake-network';
import { LinkedInConnector } from './linkedin.connector';

const author = 'urn:li:person:8675309';
const account = { externalAccountId: author, accessToken: 'member-token' };
const shareUrn = 'urn:li:share:6844785523593134080';

const postRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest({ idempotencyKey: 'variant-1:0', text: 'Hello LinkedIn' }, overrides);
const mediaItem = uploadMedia;

const postCreated = { status: 201, headers: { 'x-restli-id': shareUrn } };

describe('LinkedInConnector', () => {
  let fake: FakeNetwork;
  let connector: LinkedInConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new LinkedInConnector({ apiBaseUrl: fake.url }, { statusIntervalMs: 0, maxStatusChecks: 3 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('creates a text post with the versioned headers and reads its urn from x-restli-id', async () => {
      fake.on('POST', '/rest/posts', postCreated);

      const post = await connector.publish(account, postRequest());

      expect(post).toEqual({ externalId: shareUrn, url: `https://www.linkedin.com/feed/update/${shareUrn}/` });
      const [sent] = fake.received;
      expect(sent.headers).toMatchObject({
        authorization: 'Bearer member-token',
        'linkedin-version': '202411',
        'x-restli-protocol-version': '2.0.0',
        'content-type': 'application/json',
      });
      expect(readJson(sent)).toEqual({
        author,
        commentary: 'Hello LinkedIn',
        visibility: 'PUBLIC',
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
      });
    });

    it('shares a link as article content and escapes little-text markup in the commentary', async () => {
      fake.on('POST', '/rest/posts', postCreated);

      await connector.publish(
        account,
        postRequest({
          postType: 'article',
          text: 'New release (v2) #shipping',
          link: 'https://example.com/blog',
          options: { title: 'Release notes' },
        }),
      );

      expect(readJson(fake.received[0])).toMatchObject({
        commentary: 'New release \\(v2\\) \\#shipping',
        content: { article: { source: 'https://example.com/blog', title: 'Release notes' } },
      });
    });

    it('uploads an image and posts it by its urn', async () => {
      const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      fake
        .on('POST', '/rest/images', {
          json: {
            value: {
              uploadUrlExpiresAt: 1650567510704,
              uploadUrl: `${fake.url}/dms-uploads/image-1`,
              image: 'urn:li:image:C4E10AQFoyyAjHPMQuQ',
            },
          },
        })
        .on('PUT', '/dms-uploads/image-1', { status: 201 })
        .on('POST', '/rest/posts', postCreated);

      await connector.publish(
        account,
        postRequest({ postType: 'photo', media: [mediaItem('image', 'image/png', image)] }),
      );

      expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /rest/images',
        'PUT /dms-uploads/image-1',
        'POST /rest/posts',
      ]);
      const [init, upload, create] = fake.received;
      expect(init.query.get('action')).toBe('initializeUpload');
      expect(readJson(init)).toEqual({ initializeUploadRequest: { owner: author } });
      expect(upload.body.equals(image)).toBe(true);
      expect(upload.headers.authorization).toBe('Bearer member-token');
      expect(readJson(create)).toMatchObject({ content: { media: { id: 'urn:li:image:C4E10AQFoyyAjHPMQuQ' } } });
    });

    it('uploads a video in parts, finalizes with their ETags and waits until it is available', async () => {
      const video = Buffer.from('0123456789');
      const videoUrn = 'urn:li:video:C5F10AQGKQg_6y2a4sQ';
      fake
        .on('POST', '/rest/videos', (request) =>
          request.query.get('action') === 'initializeUpload'
            ? {
                json: {
                  value: {
                    uploadUrlsExpireAt: 1650567510704,
                    video: videoUrn,
                    uploadInstructions: [
                      { uploadUrl: `${fake.url}/dms-uploads/part-0`, firstByte: 0, lastByte: 5 },
                      { uploadUrl: `${fake.url}/dms-uploads/part-1`, firstByte: 6, lastByte: 9 },
                    ],
                    uploadToken: 'upload-token-1',
                  },
                },
              }
            : { status: 200 },
        )
        .on('PUT', '/dms-uploads/part-0', { headers: { etag: '/ETag-0' } })
        .on('PUT', '/dms-uploads/part-1', { headers: { etag: '/ETag-1' } })
        .on(
          'GET',
          `/rest/videos/${encodeURIComponent(videoUrn)}`,
          { json: { status: 'PROCESSING' } },
          { json: { status: 'AVAILABLE' } },
        )
        .on('POST', '/rest/posts', postCreated);

      await connector.publish(
        account,
        postRequest({ postType: 'video', media: [mediaItem('video', 'video/mp4', video)] }),
      );

      const [init, finalize] = fake.to('POST', '/rest/videos');
      expect(readJson(init)).toEqual({
        initializeUploadRequest: { owner: author, fileSizeBytes: 10, uploadCaptions: false, uploadThumbnail: false },
      });
      expect(fake.to('PUT', '/dms-uploads/part-0')[0].body.toString()).toBe('012345');
      expect(fake.to('PUT', '/dms-uploads/part-1')[0].body.toString()).toBe('6789');
      expect(finalize.query.get('action')).toBe('finalizeUpload');
      expect(readJson(finalize)).toEqual({
        finalizeUploadRequest: {
          video: videoUrn,
          uploadToken: 'upload-token-1',
          uploadedPartIds: ['/ETag-0', '/ETag-1'],
        },
      });
      expect(fake.to('GET', `/rest/videos/${encodeURIComponent(videoUrn)}`)).toHaveLength(2);
      expect(readJson(fake.to('POST', '/rest/posts')[0])).toMatchObject({ content: { media: { id: videoUrn } } });
    });

    it('posts a poll: the title is its question, the choices and length from the options', async () => {
      fake.on('POST', '/rest/posts', postCreated);

      await connector.publish(
        account,
        postRequest({
          postType: 'poll',
          text: 'Help us pick',
          options: { title: 'Which colour?', pollOptions: ['Teal', 'Coral'], pollDurationMinutes: 4320 },
        }),
      );

      expect(readJson(fake.received[0])).toMatchObject({
        commentary: 'Help us pick',
        content: {
          poll: {
            question: 'Which colour?',
            options: [{ text: 'Teal' }, { text: 'Coral' }],
            settings: { duration: 'THREE_DAYS' },
          },
        },
      });
    });

    it('refuses a poll without choices or with a length LinkedIn does not offer, before calling it', async () => {
      const poll = (options: Record<string, unknown>) =>
        failureOf(connector.publish(account, postRequest({ postType: 'poll', options })));
      expect(await poll({})).toMatchObject({ kind: 'bad-request' });
      expect(await poll({ pollOptions: ['A', 'B'], pollDurationMinutes: 60 })).toMatchObject({ kind: 'bad-request' });
      expect(fake.received).toHaveLength(0);
    });
  });

  describe('failures', () => {
    const publish = () => failureOf(connector.publish(account, postRequest()));

    it('asks for reconnection when the token has expired or was revoked (401, 65601)', async () => {
      fake.on('POST', '/rest/posts', {
        status: 401,
        json: {
          status: 401,
          serviceErrorCode: 65601,
          code: 'REVOKED_ACCESS_TOKEN',
          message: 'The token used in the request has been revoked by the user',
        },
      });
      expect(await publish()).toEqual({
        kind: 'reauth',
        reason: 'LinkedIn refused the token (65601): The token used in the request has been revoked by the user',
      });
    });

    it('asks for reconnection when a permission is missing (403)', async () => {
      fake.on('POST', '/rest/posts', {
        status: 403,
        json: {
          status: 403,
          serviceErrorCode: 100,
          code: 'ACCESS_DENIED',
          message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20241101',
        },
      });
      expect(await publish()).toMatchObject({ kind: 'reauth' });
    });

    it('does not retry duplicate content (422)', async () => {
      fake.on('POST', '/rest/posts', {
        status: 422,
        json: {
          status: 422,
          message: 'ERROR :: /commentary :: Content is a duplicate of urn:li:share:6844785523593134080',
        },
      });
      expect(await publish()).toMatchObject({
        kind: 'bad-request',
        reason: expect.stringMatching(/^LinkedIn refused a duplicate post/),
      });
    });

    it('retries after Retry-After when throttled (429)', async () => {
      fake.on('POST', '/rest/posts', {
        status: 429,
        headers: { 'retry-after': '30' },
        json: {
          status: 429,
          serviceErrorCode: 101,
          code: 'TOO_MANY_REQUESTS',
          message: 'Resource level throttle limit reached.',
        },
      });
      expect(await publish()).toMatchObject({ kind: 'retry', afterMs: 30_000 });
    });

    it('retries a server error (502)', async () => {
      fake.on('POST', '/rest/posts', { status: 502, text: 'Bad Gateway' });
      expect(await publish()).toMatchObject({ kind: 'retry', reason: 'LinkedIn HTTP 502' });
    });

    it('retries when the post was accepted without its urn', async () => {
      fake.on('POST', '/rest/posts', { status: 201 });
      expect(await publish()).toEqual({
        kind: 'retry',
        afterMs: null,
        reason: 'LinkedIn answered without the x-restli-id header',
      });
    });

    it('retries when an upload answer is not JSON', async () => {
      fake.on('POST', '/rest/images', { text: '<html>maintenance</html>' });
      const failure = await failureOf(
        connector.publish(
          account,
          postRequest({ postType: 'photo', media: [mediaItem('image', 'image/jpeg', Buffer.from('x'))] }),
        ),
      );
      expect(failure).toEqual({
        kind: 'retry',
        afterMs: null,
        reason: 'LinkedIn answered with a body that is not JSON',
      });
    });
  });

  describe('delete', () => {
    const path = `/rest/posts/${encodeURIComponent(shareUrn)}`;

    it('deletes the post by its encoded urn', async () => {
      fake.on('DELETE', path, { status: 204 });
      await connector.delete(account, shareUrn);
      expect(fake.to('DELETE', path)[0].headers['x-restli-method']).toBe('DELETE');
    });

    it('counts a post that is already gone as deleted', async () => {
      fake.on('DELETE', path, { status: 404, json: { status: 404, message: 'Not found' } });
      await expect(connector.delete(account, shareUrn)).resolves.toBeUndefined();
    });
  });

  describe('findPublished', () => {
    it('finds the author’s post by its commentary', async () => {
      fake.on('GET', '/rest/posts', {
        json: {
          paging: { start: 0, count: 20, links: [] },
          elements: [
            { id: 'urn:li:share:1', author, commentary: 'Older post' },
            { id: shareUrn, author, commentary: 'Launch \\(today\\)' },
          ],
        },
      });

      const found = await connector.findPublished(account, postRequest({ text: 'Launch (today)' }));

      expect(found).toEqual({ externalId: shareUrn, url: `https://www.linkedin.com/feed/update/${shareUrn}/` });
      const [sent] = fake.received;
      expect(Object.fromEntries(sent.query)).toEqual({ author, q: 'author', count: '20', sortBy: 'LAST_MODIFIED' });
      expect(sent.headers['x-restli-method']).toBe('FINDER');
    });

    it('answers null when no recent post matches', async () => {
      fake.on('GET', '/rest/posts', { json: { paging: { start: 0, count: 20 }, elements: [] } });
      expect(await connector.findPublished(account, postRequest())).toBeNull();
    });

    it('leaves the decision to a person when the app may not read posts (403)', async () => {
      fake.on('GET', '/rest/posts', {
        status: 403,
        json: {
          status: 403,
          serviceErrorCode: 100,
          code: 'ACCESS_DENIED',
          message: 'Not enough permissions to access: partnerApiPostsExternal.FINDER-author',
        },
      });
      await expect(connector.findPublished(account, postRequest())).rejects.toBeInstanceOf(LookupUnavailableError);
    });
  });
});
