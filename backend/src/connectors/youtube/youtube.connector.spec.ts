import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorFailure, PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson } from '../../testing/fake-network';
import { migratedDatabase } from '../../testing/test-database';
import { NetworkUploadSession } from '../network-state/upload-session.entity';
import { YouTubeConnector } from './youtube.connector';
import { msUntilPacificMidnight } from './youtube.quota';
import { UPLOAD_CHUNK_UNIT } from './youtube.upload';

const channelId = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';
const account = { externalAccountId: channelId, accessToken: 'ya29.channel-token' };
const CHUNK = UPLOAD_CHUNK_UNIT;
/** Two and a half chunks: three PUTs when uploaded in one go. */
const videoBytes = Buffer.alloc(CHUNK * 2 + CHUNK / 2, 7);
const video = uploadMedia('video', 'video/mp4', videoBytes);

let keys = 0;
const videoRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest(
    {
      idempotencyKey: `job-${++keys}`,
      postType: 'video',
      text: 'How we ship: a tour of the release train',
      media: [video],
      options: { title: 'Release train tour' },
    },
    overrides,
  );

const googleError = (status: number, reason: string, message = reason) => ({
  status,
  json: { error: { code: status, message, errors: [{ reason, domain: 'youtube.video', message }] } },
});

describe('YouTubeConnector', () => {
  const db = migratedDatabase('sqlite');
  let fake: FakeNetwork;
  let connector: YouTubeConnector;
  let sessionUri: string;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    sessionUri = `${fake.url}/upload/youtube/v3/videos/session-1`;
  });
  const connect = () => {
    connector = new YouTubeConnector(
      { clientId: 'client', clientSecret: 'secret', apiBaseUrl: fake.url, authBaseUrl: fake.url },
      db.dataSource,
      { chunkBytes: CHUNK },
    );
  };
  afterEach(async () => {
    fake.reset();
    await db.dataSource.query('DELETE FROM network_quota_usage');
  });
  afterAll(() => fake.close());

  /** A session that takes the bytes chunk by chunk and answers the video at the end. */
  const acceptingSession = (videoId = 'dQw4w9WgXcQ') =>
    fake
      .on('POST', '/upload/youtube/v3/videos', { headers: { location: sessionUri } })
      .on('PUT', '/upload/youtube/v3/videos/session-1', (request) => {
        const range = String(request.headers['content-range']);
        const [, , end, total] = /bytes (\d+)-(\d+)\/(\d+)/.exec(range) ?? [];
        if (Number(end) + 1 < Number(total)) return { status: 308, headers: { range: `bytes=0-${end}` } };
        return { status: 201, json: { kind: 'youtube#video', id: videoId, status: { uploadStatus: 'uploaded' } } };
      });

  describe('publish', () => {
    it('opens a resumable session with the metadata, sends the file in 256 KiB-multiple chunks and sets the thumbnail', async () => {
      connect();
      acceptingSession().on('POST', '/upload/youtube/v3/thumbnails/set', { json: { items: [] } });
      const thumbnail = uploadMedia('image', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 1]));

      const post = await connector.publish(
        account,
        videoRequest({
          media: [video, thumbnail],
          options: {
            title: 'Release train tour',
            tags: ['release', 'how we ship'],
            categoryId: '28',
            madeForKids: false,
          },
        }),
      );

      expect(post).toEqual({ externalId: 'dQw4w9WgXcQ', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' });
      const [init] = fake.to('POST', '/upload/youtube/v3/videos');
      expect(init.query.get('uploadType')).toBe('resumable');
      expect(init.query.get('part')).toBe('snippet,status');
      expect(init.headers).toMatchObject({
        authorization: 'Bearer ya29.channel-token',
        'x-upload-content-length': String(videoBytes.length),
        'x-upload-content-type': 'video/mp4',
      });
      expect(readJson(init)).toEqual({
        snippet: {
          title: 'Release train tour',
          description: 'How we ship: a tour of the release train',
          tags: ['release', 'how we ship'],
          categoryId: '28',
        },
        status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
      });
      const puts = fake.to('PUT', '/upload/youtube/v3/videos/session-1');
      expect(puts.map((p) => p.headers['content-range'])).toEqual([
        `bytes 0-${CHUNK - 1}/${videoBytes.length}`,
        `bytes ${CHUNK}-${2 * CHUNK - 1}/${videoBytes.length}`,
        `bytes ${2 * CHUNK}-${videoBytes.length - 1}/${videoBytes.length}`,
      ]);
      expect(Buffer.concat(puts.map((p) => p.body)).equals(videoBytes)).toBe(true);
      const [thumb] = fake.to('POST', '/upload/youtube/v3/thumbnails/set');
      expect(thumb.query.get('videoId')).toBe('dQw4w9WgXcQ');
      expect(thumb.headers['content-type']).toBe('image/jpeg');
      expect(await connector.quota.used()).toBe(1600 + 50);
    });

    it('schedules a Short privately until publishAt and links it as a Short', async () => {
      connect();
      acceptingSession('short-1');

      const post = await connector.publish(
        account,
        videoRequest({
          postType: 'short',
          options: { title: 'Ten second tip', publishAt: '2027-01-05T17:00:00Z', madeForKids: true },
        }),
      );

      expect(post.url).toBe('https://www.youtube.com/shorts/short-1');
      expect(readJson(fake.to('POST', '/upload/youtube/v3/videos')[0])).toMatchObject({
        snippet: { title: 'Ten second tip', categoryId: '22' },
        status: { privacyStatus: 'private', publishAt: '2027-01-05T17:00:00.000Z', selfDeclaredMadeForKids: true },
      });
    });

    it('resumes an interrupted upload from the session instead of uploading again, and lookup reads the session', async () => {
      connect();
      const request = videoRequest();
      let chunks = 0;
      fake.on('POST', '/upload/youtube/v3/videos', { headers: { location: sessionUri } });
      fake.on('PUT', '/upload/youtube/v3/videos/session-1', () =>
        ++chunks === 1 ? { status: 308, headers: { range: `bytes=0-${CHUNK - 1}` } } : { status: 503, text: 'busy' },
      );
      expect((await failureOf(connector.publish(account, request))).kind).toBe('retry');

      // While the worker is alive (a chunk acknowledged just now), lookup waits instead of deciding.
      expect((await failureOf(connector.findPublished(account, request))).reason).toMatch(/under way/);
      // The worker died: its last chunk is minutes old.
      await db.dataSource
        .getRepository(NetworkUploadSession)
        .update({ idempotencyKey: request.idempotencyKey }, { progressAt: new Date(Date.now() - 10 * 60_000) });
      fake.reset();
      fake.on('PUT', '/upload/youtube/v3/videos/session-1', (r) =>
        r.body.length === 0
          ? { status: 308, headers: { range: `bytes=0-${CHUNK - 1}` } }
          : Number(/bytes (\d+)-(\d+)/.exec(String(r.headers['content-range']))![2]) + 1 < videoBytes.length
            ? { status: 308, headers: { range: `bytes=0-${/-(\d+)\//.exec(String(r.headers['content-range']))![1]}` } }
            : { status: 200, json: { id: 'resumed-1' } },
      );
      expect(await connector.findPublished(account, request)).toBeNull();
      expect(fake.received[0].headers['content-range']).toBe(`bytes */${videoBytes.length}`);

      fake.reset();
      fake.on('PUT', '/upload/youtube/v3/videos/session-1', (r) =>
        r.body.length === 0
          ? { status: 308, headers: { range: `bytes=0-${CHUNK - 1}` } }
          : String(r.headers['content-range']).endsWith(`${videoBytes.length - 1}/${videoBytes.length}`)
            ? { status: 200, json: { id: 'resumed-1' } }
            : { status: 308, headers: { range: `bytes=0-${2 * CHUNK - 1}` } },
      );
      const post = await connector.publish(account, request);

      expect(post.externalId).toBe('resumed-1');
      expect(fake.to('POST', '/upload/youtube/v3/videos')).toHaveLength(0);
      expect(fake.received.map((r) => r.headers['content-range'])).toEqual([
        `bytes */${videoBytes.length}`,
        `bytes ${CHUNK}-${2 * CHUNK - 1}/${videoBytes.length}`,
        `bytes ${2 * CHUNK}-${videoBytes.length - 1}/${videoBytes.length}`,
      ]);
      expect(Buffer.concat(fake.received.slice(1).map((r) => r.body)).equals(videoBytes.subarray(CHUNK))).toBe(true);
      // Only the first session was paid for.
      expect(await connector.quota.used()).toBe(1600);

      fake.reset();
      expect(await connector.findPublished(account, request)).toEqual(post);
      expect(await connector.publish(account, request)).toEqual(post);
      expect(fake.received).toHaveLength(0);
    });

    it('finds nothing to reconcile when no session was recorded (no byte left before the session was stored)', async () => {
      connect();
      expect(await connector.findPublished(account, videoRequest())).toBeNull();
      expect(fake.received).toHaveLength(0);
    });

    it('reads a finished upload from the session and matches recent uploads by title when the session expired', async () => {
      connect();
      const finished = videoRequest();
      const expired = videoRequest({ options: { title: 'Quarterly numbers' } });
      const sessions = db.dataSource.getRepository(NetworkUploadSession);
      const old = new Date(Date.now() - 10 * 60_000);
      for (const [request, ref] of [
        [finished, `${fake.url}/upload/done`],
        [expired, `${fake.url}/upload/gone`],
      ] as const)
        await sessions.insert({
          network: 'youtube',
          idempotencyKey: request.idempotencyKey,
          accountExternalId: channelId,
          sessionRef: ref,
          state: 'started',
          externalId: null,
          progressAt: old,
        });
      fake
        .on('PUT', '/upload/done', { status: 200, json: { id: 'finished-1' } })
        .on('PUT', '/upload/gone', { status: 404, json: { error: { code: 404, message: 'Not found' } } })
        .on('GET', '/youtube/v3/channels', {
          json: { items: [{ id: channelId, contentDetails: { relatedPlaylists: { uploads: 'UU_x5XG1' } } }] },
        })
        .on('GET', '/youtube/v3/playlistItems', {
          json: {
            items: [
              {
                snippet: { title: 'Something else', publishedAt: new Date().toISOString() },
                contentDetails: { videoId: 'other-1', videoPublishedAt: new Date().toISOString() },
              },
              {
                snippet: { title: 'Quarterly numbers', publishedAt: new Date().toISOString() },
                contentDetails: { videoId: 'quarterly-1', videoPublishedAt: new Date().toISOString() },
              },
            ],
          },
        });

      expect(await connector.findPublished(account, finished)).toEqual({
        externalId: 'finished-1',
        url: 'https://www.youtube.com/watch?v=finished-1',
      });
      expect(await connector.findPublished(account, expired)).toEqual({
        externalId: 'quarterly-1',
        url: 'https://www.youtube.com/watch?v=quarterly-1',
      });
      expect(fake.to('GET', '/youtube/v3/playlistItems')[0].query.get('playlistId')).toBe('UU_x5XG1');
    });
  });

  describe('quota', () => {
    it('refuses an upload the day has no room for, before any call, with a retry at midnight Pacific', async () => {
      connect();
      await db.dataSource.query(
        `INSERT INTO network_quota_usage (network, "accountExternalId", day, units) VALUES ('youtube', '*', ?, 9000)`,
        [DateTime.now().setZone('America/Los_Angeles').toISODate()],
      );

      const failure = await failureOf(connector.publish(account, videoRequest()));

      expect(failure.kind).toBe('retry');
      expect(failure.reason).toMatch(/quota/);
      const wait = (failure as { afterMs: number }).afterMs;
      expect(Math.abs(wait - msUntilPacificMidnight(new Date()))).toBeLessThan(5_000);
      expect(fake.received).toHaveLength(0);
    });

    it("takes Google's quotaExceeded as the day's end: retry after midnight Pacific and the ledger full", async () => {
      connect();
      fake.on(
        'POST',
        '/upload/youtube/v3/videos',
        googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.'),
      );

      const failure = await failureOf(connector.publish(account, videoRequest()));

      expect(failure.kind).toBe('retry');
      expect((failure as { afterMs: number }).afterMs).toBeGreaterThan(0);
      expect((failure as { afterMs: number }).afterMs).toBeLessThanOrEqual(25 * 3600_000);
      expect(await connector.quota.used()).toBe(10_000);
    });
  });

  describe('failures', () => {
    const attempt = async (...answers: Parameters<FakeNetwork['on']>[2][]) => {
      connect();
      fake.on('POST', '/upload/youtube/v3/videos', ...answers);
      return failureOf(connector.publish(account, videoRequest()));
    };

    it('classifies Google error reasons', async () => {
      expect((await attempt(googleError(401, 'authError', 'Invalid Credentials'))).kind).toBe('reauth');
      expect((await attempt(googleError(403, 'insufficientPermissions'))).kind).toBe('reauth');
      expect((await attempt(googleError(403, 'forbidden'))).kind).toBe('bad-request');
      expect((await attempt(googleError(400, 'invalidTitle'))).kind).toBe('bad-request');
      expect((await attempt(googleError(403, 'youtubeSignupRequired'))).kind).toBe('disconnect');
      const upload = await attempt(googleError(400, 'uploadLimitExceeded'));
      expect(upload).toMatchObject({ kind: 'retry' });
      expect((upload as { afterMs: number }).afterMs).toBeGreaterThan(0);
    });

    it('retries 429 after its Retry-After, 5xx, and a session answer that is not JSON', async () => {
      expect(
        await attempt({ ...googleError(429, 'rateLimitExceeded'), headers: { 'retry-after': '30' } }),
      ).toMatchObject({
        kind: 'retry',
        afterMs: 30_000,
      });
      expect((await attempt(googleError(503, 'backendError'))).kind).toBe('retry');
      expect((await attempt({ status: 200, text: 'no location' })).reason).toMatch(/no upload session/);
      connect();
      fake
        .on('POST', '/upload/youtube/v3/videos', { headers: { location: sessionUri } })
        .on('PUT', '/upload/youtube/v3/videos/session-1', { status: 200, text: '<html>proxy</html>' });
      expect((await failureOf(connector.publish(account, videoRequest()))).reason).toMatch(/not JSON/);
    });
  });

  describe('delete', () => {
    it('deletes the video, treats one already gone as deleted, and pays 50 units each', async () => {
      connect();
      fake.on('DELETE', '/youtube/v3/videos', { status: 204 }, googleError(404, 'videoNotFound'));

      await connector.delete(account, 'dQw4w9WgXcQ');
      await connector.delete(account, 'dQw4w9WgXcQ');

      expect(fake.to('DELETE', '/youtube/v3/videos')[0].query.get('id')).toBe('dQw4w9WgXcQ');
      expect(await connector.quota.used()).toBe(100);
      fake.on('DELETE', '/youtube/v3/videos', googleError(403, 'forbidden'));
      expect(await connector.delete(account, 'x').catch((e: unknown) => e)).toBeInstanceOf(ConnectorFailure);
    });
  });
});
