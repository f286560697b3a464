import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PublishRequest } from '../connector';
import { FakeAnswer, FakeGraphServer, graphError } from '../../testing/fake-graph-server';
import { failureOf, publishRequest, urlMedia } from '../../testing/connector-fixtures';
import { InstagramConnector } from './instagram.connector';

const IG_USER = { externalAccountId: '17841400000000001', accessToken: 'page-token' };
const now = new Date('2026-11-25T10:00:00Z');

const media = urlMedia;
const request = (overrides: Partial<PublishRequest>) =>
  publishRequest({ postType: 'photo', text: 'Fresh bread #bakery', media: [media('a')] }, overrides);

const status = (status_code: string, statusText = ''): FakeAnswer => ({
  body: { status_code, status: statusText, id: 'c' },
});

/** The params a call carried, without the appsecret_proof every authenticated call adds. */
const sent = (params: Record<string, string>) => {
  const { appsecret_proof: proof, ...rest } = params;
  expect(proof).toMatch(/^[0-9a-f]{64}$/);
  return rest;
};

describe('InstagramConnector', () => {
  let fake: FakeGraphServer;
  let connector: InstagramConnector;
  const MEDIA = `/${IG_USER.externalAccountId}/media`;
  const PUBLISH = `/${IG_USER.externalAccountId}/media_publish`;

  beforeAll(async () => {
    fake = await FakeGraphServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    const endpoints = { apiBaseUrl: fake.apiBaseUrl, authBaseUrl: '', clientId: 'app', clientSecret: 'secret' };
    connector = new InstagramConnector(endpoints, { now: () => now, polling: { intervalMs: 1, maxChecks: 3 } });
    fake.on('POST', PUBLISH, { body: { id: 'media-1' } });
    fake.on('GET', '/media-1', { body: { permalink: 'https://www.instagram.com/p/ABC/', id: 'media-1' } });
  });

  const route = () => fake.calls.map((call) => `${call.method} ${call.path}`);

  describe('publishing', () => {
    it('publishes a photo: container, status check, media_publish', async () => {
      fake.on('POST', MEDIA, { body: { id: 'c1' } });
      fake.on('GET', '/c1', status('FINISHED'));
      const post = await connector.publish(IG_USER, request({}));
      expect(post).toEqual({ externalId: 'media-1', url: 'https://www.instagram.com/p/ABC/' });
      expect(route()).toEqual([`POST ${MEDIA}`, 'GET /c1', `POST ${PUBLISH}`, 'GET /media-1']);
      expect(sent(fake.calls[0].params)).toEqual({
        image_url: 'https://media.example/a',
        caption: 'Fresh bread #bakery',
      });
      expect(sent(fake.calls[1].params)).toEqual({ fields: 'status_code,status' });
      expect(sent(fake.calls[2].params)).toEqual({ creation_id: 'c1' });
    });

    it('publishes a reel once its container finishes processing', async () => {
      fake.on('POST', MEDIA, { body: { id: 'c2' } });
      fake.on('GET', '/c2', status('IN_PROGRESS'), status('FINISHED'));
      await connector.publish(IG_USER, request({ postType: 'reel', media: [media('r', 'video')] }));
      expect(sent(fake.calls[0].params)).toEqual({
        media_type: 'REELS',
        video_url: 'https://media.example/r',
        caption: 'Fresh bread #bakery',
      });
      expect(fake.callsTo('GET', '/c2')).toHaveLength(2);
      expect(sent(fake.callsTo('POST', PUBLISH)[0].params)).toEqual({ creation_id: 'c2' });
    });

    it('publishes a carousel from finished child containers, in order', async () => {
      fake.on('POST', MEDIA, { body: { id: 'k1' } }, { body: { id: 'k2' } }, { body: { id: 'parent' } });
      for (const id of ['/k1', '/k2', '/parent']) fake.on('GET', id, status('FINISHED'));
      await connector.publish(IG_USER, request({ postType: 'carousel', media: [media('a'), media('v', 'video')] }));
      const creates = fake.callsTo('POST', MEDIA).map((call) => sent(call.params));
      expect(creates).toEqual([
        { image_url: 'https://media.example/a', is_carousel_item: 'true' },
        { media_type: 'VIDEO', video_url: 'https://media.example/v', is_carousel_item: 'true' },
        { media_type: 'CAROUSEL', children: 'k1,k2', caption: 'Fresh bread #bakery' },
      ]);
      expect(sent(fake.callsTo('POST', PUBLISH)[0].params)).toEqual({ creation_id: 'parent' });
    });

    it('publishes a story without a caption', async () => {
      fake.on('POST', MEDIA, { body: { id: 'c3' } });
      fake.on('GET', '/c3', status('FINISHED'));
      await connector.publish(IG_USER, request({ postType: 'story', media: [media('s', 'video')] }));
      expect(sent(fake.calls[0].params)).toEqual({ media_type: 'STORIES', video_url: 'https://media.example/s' });
    });

    it('still reports the post when its permalink cannot be read', async () => {
      fake.on('POST', MEDIA, { body: { id: 'c1' } });
      fake.on('GET', '/c1', status('FINISHED'));
      fake.on('GET', '/media-1', { status: 500, body: 'oops' });
      expect(await connector.publish(IG_USER, request({}))).toEqual({ externalId: 'media-1', url: null });
    });
  });

  describe('failures', () => {
    it('gives up on a container that never finishes after the configured checks, asking for a retry', async () => {
      fake.on('POST', MEDIA, { body: { id: 'slow' } });
      fake.on('GET', '/slow', status('IN_PROGRESS'));
      const failure = await failureOf(
        connector.publish(IG_USER, request({ postType: 'reel', media: [media('r', 'video')] })),
      );
      expect(failure).toEqual({
        kind: 'retry',
        afterMs: null,
        reason: 'Instagram container slow still IN_PROGRESS after 3 checks',
      });
      expect(fake.callsTo('GET', '/slow')).toHaveLength(3);
      expect(fake.callsTo('POST', PUBLISH)).toHaveLength(0);
    });

    it('reports media Instagram could not process as a bad request', async () => {
      fake.on('POST', MEDIA, { body: { id: 'bad' } });
      fake.on('GET', '/bad', status('ERROR', 'Error: Media download has failed. (2207026)'));
      const failure = await failureOf(connector.publish(IG_USER, request({})));
      expect(failure).toMatchObject({ kind: 'bad-request' });
      expect(failure.reason).toContain('2207026');
    });

    it('asks to reconnect when the token expired (190)', async () => {
      fake.on('POST', MEDIA, graphError(190, 'Error validating access token', 400, 463));
      expect(await failureOf(connector.publish(IG_USER, request({})))).toMatchObject({ kind: 'reauth' });
    });

    it.each([10, 200])('asks to reconnect when a permission is missing (%i)', async (code) => {
      fake.on('POST', MEDIA, graphError(code, 'Application does not have permission for this action', 403));
      expect(await failureOf(connector.publish(IG_USER, request({})))).toMatchObject({ kind: 'reauth' });
    });

    it.each([4, 17, 32])('retries throttling (%i) after the Retry-After Meta sent', async (code) => {
      fake.on('POST', MEDIA, { ...graphError(code, 'Request limit reached'), headers: { 'retry-after': '60' } });
      expect(await failureOf(connector.publish(IG_USER, request({})))).toMatchObject({
        kind: 'retry',
        afterMs: 60_000,
      });
    });

    it('retries a server error while publishing', async () => {
      fake.on('POST', MEDIA, { body: { id: 'c1' } });
      fake.on('GET', '/c1', status('FINISHED'));
      fake.on('POST', PUBLISH, { status: 502, body: '<html>Bad Gateway</html>' });
      expect(await failureOf(connector.publish(IG_USER, request({})))).toMatchObject({ kind: 'retry' });
    });

    it('retries when the container status answer is malformed', async () => {
      fake.on('POST', MEDIA, { body: { id: 'c1' } });
      fake.on('GET', '/c1', { body: { id: 'c1' } });
      const failure = await failureOf(connector.publish(IG_USER, request({})));
      expect(failure).toMatchObject({ kind: 'retry', afterMs: null });
      expect(failure.reason).toContain('not the documented shape');
    });
  });

  describe('after publishing', () => {
    it('cannot delete: says so as a bad request without calling Instagram', async () => {
      const failure = await failureOf(connector.delete());
      expect(failure).toMatchObject({ kind: 'bad-request' });
      expect(failure.reason).toContain('Instagram app');
      expect(fake.calls).toHaveLength(0);
    });

    it('finds recent media by exact caption', async () => {
      fake.on('GET', MEDIA, {
        body: {
          data: [
            { id: 'm3', caption: 'Something else', timestamp: '2026-11-25T09:59:00+0000' },
            {
              id: 'm2',
              caption: 'Fresh bread #bakery',
              timestamp: '2026-11-25T09:58:00+0000',
              permalink: 'https://www.instagram.com/p/M2/',
            },
            { id: 'm1', caption: 'Fresh bread #bakery', timestamp: '2026-11-24T08:00:00+0000' },
          ],
        },
      });
      expect(await connector.findPublished(IG_USER, request({}))).toEqual({
        externalId: 'm2',
        url: 'https://www.instagram.com/p/M2/',
      });
      expect(sent(fake.calls[0].params)).toEqual({ fields: 'id,caption,timestamp,permalink', limit: '25' });
    });

    it('answers null when only an older post has the caption', async () => {
      fake.on('GET', MEDIA, {
        body: { data: [{ id: 'm1', caption: 'Fresh bread #bakery', timestamp: '2026-11-24T08:00:00+0000' }] },
      });
      expect(await connector.findPublished(IG_USER, request({}))).toBeNull();
    });
  });
});
