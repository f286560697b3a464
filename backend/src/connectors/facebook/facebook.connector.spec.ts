import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorFailure, LookupUnavailableError, PublishRequest } from '../connector';
import { FakeGraphServer, graphError } from '../../testing/fake-graph-server';
import { publishRequest, urlMedia } from '../../testing/connector-fixtures';
import { FacebookConnector } from './facebook.connector';

const PAGE = { externalAccountId: '1001', accessToken: 'page-token' };
const now = new Date('2026-11-25T10:00:00Z');

const media = urlMedia;
const request = (overrides: Partial<PublishRequest>) => publishRequest({ text: 'Autumn menu is out' }, overrides);

/** The params a call carried, without the appsecret_proof every authenticated call adds. */
const sent = (params: Record<string, string>) => {
  const { appsecret_proof: proof, ...rest } = params;
  expect(proof).toMatch(/^[0-9a-f]{64}$/);
  return rest;
};

describe('FacebookConnector', () => {
  let fake: FakeGraphServer;
  let connector: FacebookConnector;

  beforeAll(async () => {
    fake = await FakeGraphServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    const endpoints = { apiBaseUrl: fake.apiBaseUrl, authBaseUrl: '', clientId: 'app', clientSecret: 'secret' };
    connector = new FacebookConnector(endpoints, { now: () => now });
  });

  describe('publishing', () => {
    it('posts a status to the Page feed', async () => {
      fake.on('POST', '/1001/feed', { body: { id: '1001_77' } });
      const post = await connector.publish(PAGE, request({}));
      expect(post).toEqual({ externalId: '1001_77', url: 'https://www.facebook.com/1001/posts/77' });
      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0].headers.authorization).toBe('OAuth page-token');
      expect(sent(fake.calls[0].params)).toEqual({ message: 'Autumn menu is out' });
    });

    it('posts a link with its message', async () => {
      fake.on('POST', '/1001/feed', { body: { id: '1001_78' } });
      await connector.publish(PAGE, request({ postType: 'link', link: 'https://cafe.example/menu' }));
      expect(sent(fake.calls[0].params)).toEqual({ message: 'Autumn menu is out', link: 'https://cafe.example/menu' });
    });

    it('posts one photo by URL and keeps the feed post id', async () => {
      fake.on('POST', '/1001/photos', { body: { id: '555', post_id: '1001_79' } });
      const post = await connector.publish(PAGE, request({ postType: 'photo', media: [media('a')] }));
      expect(post.externalId).toBe('1001_79');
      expect(sent(fake.calls[0].params)).toEqual({ url: 'https://media.example/a', message: 'Autumn menu is out' });
    });

    it('posts several photos as unpublished uploads attached to one feed post', async () => {
      fake.on('POST', '/1001/photos', { body: { id: 'p1' } }, { body: { id: 'p2' } });
      fake.on('POST', '/1001/feed', { body: { id: '1001_80' } });
      const post = await connector.publish(PAGE, request({ postType: 'photo', media: [media('a'), media('b')] }));
      expect(post.externalId).toBe('1001_80');
      expect(fake.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        'POST /1001/photos',
        'POST /1001/photos',
        'POST /1001/feed',
      ]);
      expect(sent(fake.calls[1].params)).toEqual({ url: 'https://media.example/b', published: 'false' });
      expect(sent(fake.calls[2].params)).toEqual({
        message: 'Autumn menu is out',
        attached_media: '[{"media_fbid":"p1"},{"media_fbid":"p2"}]',
      });
    });

    it('posts a video by file_url, with its title', async () => {
      fake.on('POST', '/1001/videos', { body: { id: '9001' } });
      const post = await connector.publish(
        PAGE,
        request({ postType: 'video', media: [media('v', 'video')], options: { title: 'Autumn menu' } }),
      );
      expect(post).toEqual({ externalId: '9001', url: 'https://www.facebook.com/1001/videos/9001' });
      expect(sent(fake.calls[0].params)).toEqual({
        file_url: 'https://media.example/v',
        title: 'Autumn menu',
        description: 'Autumn menu is out',
      });
    });

    it('publishes a reel in three phases, handing Meta the file URL', async () => {
      fake.on(
        'POST',
        '/1001/video_reels',
        { body: { video_id: '3003', upload_url: `${fake.origin}/video-upload/v21.0/3003` } },
        { body: { success: true } },
      );
      fake.on('POST', '/video-upload/v21.0/3003', { body: { success: true } });
      const post = await connector.publish(PAGE, request({ postType: 'reel', media: [media('r', 'video')] }));
      expect(post).toEqual({ externalId: '3003', url: 'https://www.facebook.com/reel/3003' });
      const [start, upload, finish] = fake.calls;
      expect(sent(start.params)).toEqual({ upload_phase: 'start' });
      expect(upload.headers.file_url).toBe('https://media.example/r');
      expect(upload.headers.authorization).toBe('OAuth page-token');
      expect(sent(finish.params)).toEqual({
        upload_phase: 'finish',
        video_id: '3003',
        video_state: 'PUBLISHED',
        description: 'Autumn menu is out',
      });
    });

    it('publishes a photo story from an unpublished photo', async () => {
      fake.on('POST', '/1001/photos', { body: { id: 'p9' } });
      fake.on('POST', '/1001/photo_stories', { body: { success: true, post_id: '1001_81' } });
      const post = await connector.publish(PAGE, request({ postType: 'story', text: '', media: [media('s')] }));
      expect(post).toEqual({ externalId: '1001_81', url: null });
      expect(sent(fake.calls[1].params)).toEqual({ photo_id: 'p9' });
    });

    it('refuses post types Pages do not have', async () => {
      const error = await connector.publish(PAGE, request({ postType: 'poll' })).catch((caught: unknown) => caught);
      expect((error as ConnectorFailure).failure).toMatchObject({ kind: 'bad-request' });
      expect(fake.calls).toHaveLength(0);
    });
  });

  describe('failures', () => {
    const failureFor = async (answer: Parameters<FakeGraphServer['on']>[2]) => {
      fake.on('POST', '/1001/feed', answer);
      const error: unknown = await connector.publish(PAGE, request({})).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorFailure);
      return (error as ConnectorFailure).failure;
    };

    it('asks to reconnect when the token expired (190)', async () => {
      const failure = await failureFor(graphError(190, 'Error validating access token: Session has expired', 400, 463));
      expect(failure).toMatchObject({ kind: 'reauth' });
      expect(failure.reason).toContain('190/463');
    });

    it.each([10, 200])('asks to reconnect when a permission is missing (%i)', async (code) => {
      expect(await failureFor(graphError(code, 'Requires pages_manage_posts permission', 403))).toMatchObject({
        kind: 'reauth',
      });
    });

    it.each([4, 17, 32])('retries throttling (%i) after the Retry-After Meta sent', async (code) => {
      const answer = { ...graphError(code, 'Request limit reached', 429), headers: { 'retry-after': '120' } };
      expect(await failureFor(answer)).toMatchObject({ kind: 'retry', afterMs: 120_000 });
    });

    it('retries a server error', async () => {
      expect(await failureFor({ status: 503, body: 'Service Unavailable' })).toMatchObject({ kind: 'retry' });
    });

    it('retries when a success answer is malformed', async () => {
      const failure = await failureFor({ body: '{"id": ' });
      expect(failure).toMatchObject({ kind: 'retry', afterMs: null });
      expect(failure.reason).toContain('not the documented shape');
    });
  });

  describe('after publishing', () => {
    it('deletes a post', async () => {
      fake.on('DELETE', '/1001_77', { body: { success: true } });
      await connector.delete(PAGE, '1001_77');
      expect(fake.callsTo('DELETE', '/1001_77')).toHaveLength(1);
    });

    it('finds the newest recent post with exactly the same message', async () => {
      fake.on('GET', '/1001/posts', {
        body: {
          data: [
            { id: '1001_90', message: 'Autumn menu is out!', created_time: '2026-11-25T09:59:00+0000' },
            { id: '1001_89', message: 'Autumn menu is out', created_time: '2026-11-25T09:58:00+0000' },
            { id: '1001_10', message: 'Autumn menu is out', created_time: '2026-11-24T09:00:00+0000' },
          ],
          paging: { cursors: { before: 'a', after: 'b' } },
        },
      });
      expect(await connector.findPublished(PAGE, request({}))).toEqual({
        externalId: '1001_89',
        url: 'https://www.facebook.com/1001/posts/89',
      });
      const since = Date.parse('2026-11-25T04:00:00Z') / 1000;
      expect(sent(fake.calls[0].params)).toEqual({
        fields: 'id,message,created_time',
        since: String(since),
        limit: '25',
      });
    });

    it('answers null when no recent post matches, and cannot look for a post without text', async () => {
      fake.on('GET', '/1001/posts', { body: { data: [] } });
      expect(await connector.findPublished(PAGE, request({}))).toBeNull();
      await expect(connector.findPublished(PAGE, request({ text: '' }))).rejects.toBeInstanceOf(LookupUnavailableError);
    });
  });
});
