import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeNetwork, type ReceivedRequest } from '../../testing/fake-network';
import { ConnectorFailure, CredentialsRejectedError, PublicAccountNotFoundError } from '../connector';
import { BlueskyConnector } from './bluesky.connector';
import { BlueskyCredentialsProvider } from './bluesky.credentials';
import { BlueskySessions, guardedFetch, serializeCredentials } from './bluesky.session';

const DID = 'did:plc:bakery';
const CID = 'bafyreiabuejm6hyxzqmbqoslkxtenl7wynmf6boclmkd7a3onm7exbm2ei';
const NOW = new Date('2026-12-01T12:00:00Z');
const fetchLoopback = guardedFetch(true);

const uri = (rkey: string) => `at://${DID}/app.bsky.feed.post/${rkey}`;
const session = (accessJwt = 'access-1') => ({
  json: { did: DID, handle: 'bakery.test', accessJwt, refreshJwt: 'refresh-1', active: true },
});
const postView = (
  rkey: string,
  counts: Record<string, number>,
  createdAt = '2026-11-30T10:00:00.000Z',
  embed?: object,
) => ({
  uri: uri(rkey),
  cid: CID,
  author: { did: DID, handle: 'bakery.test' },
  record: { $type: 'app.bsky.feed.post', text: `post ${rkey}`, createdAt },
  indexedAt: createdAt,
  ...(embed && { embed }),
  ...counts,
});
const xrpcError = (status: number, error: string, message = error, headers: Record<string, string> = {}) => ({
  status,
  headers,
  json: { error, message },
});

/** The connector against a local server answering as a PDS (with the AppView behind it) does. */
describe('Bluesky connector against a fake PDS', () => {
  let pds: FakeNetwork;
  let connector: BlueskyConnector;
  let account: { externalAccountId: string; accessToken: string };

  beforeAll(async () => {
    pds = await FakeNetwork.start();
  });
  beforeEach(() => {
    pds.reset();
    pds.on('POST', '/xrpc/com.atproto.server.createSession', session());
    connector = new BlueskyConnector(
      async () => ({ title: '', description: '', thumb: null }),
      new BlueskySessions(fetchLoopback, () => NOW),
      () => NOW,
    );
    account = {
      externalAccountId: DID,
      accessToken: serializeCredentials({ service: pds.url, identifier: 'bakery.test', appPassword: 'app-pass' }),
    };
  });
  afterAll(() => pds?.close());

  it('reads likes, reposts + quotes and replies of 25 posts per call; views are not offered', async () => {
    pds.on('GET', '/xrpc/app.bsky.feed.getPosts', (request) => ({
      json: {
        posts: request.query
          .getAll('uris')
          .filter((u) => !u.endsWith('gone'))
          .map((u) => postView(u.split('/').pop()!, { likeCount: 7, repostCount: 2, quoteCount: 1, replyCount: 3 })),
      },
    }));
    const ids = [...Array.from({ length: 26 }, (_, i) => uri(`3kpost${i}x`)), uri('gone')];
    const metrics = await connector.fetchMetrics(account, ids);

    expect(pds.to('GET', '/xrpc/app.bsky.feed.getPosts').map((r) => r.query.getAll('uris').length)).toEqual([25, 2]);
    expect(metrics.size).toBe(26);
    expect(metrics.has(uri('gone'))).toBe(false);
    expect(metrics.get(ids[0])).toEqual({
      impressions: null,
      reach: null,
      clicks: null,
      reactions: 7,
      reactionsByType: { like: 7 },
      comments: 3,
      shares: 3,
      saves: null,
      videoViews: null,
    });
    // One session for every call: createSession once, then the access JWT.
    expect(pds.to('POST', '/xrpc/com.atproto.server.createSession')).toHaveLength(1);
    expect(pds.to('GET', '/xrpc/app.bsky.feed.getPosts')[0].headers.authorization).toBe('Bearer access-1');
  });

  it('refreshes an expired session with its refresh JWT and carries on', async () => {
    pds.on('GET', '/xrpc/app.bsky.actor.getProfile', xrpcError(400, 'ExpiredToken', 'Token has expired'), {
      json: { did: DID, handle: 'bakery.test', followersCount: 120, followsCount: 33, postsCount: 58 },
    });
    pds.on('POST', '/xrpc/com.atproto.server.refreshSession', session('access-2'));

    expect(await connector.fetchAccountStats(account)).toEqual({
      followers: 120,
      following: 33,
      posts: 58,
      profileViews: null,
    });
    const [refresh] = pds.to('POST', '/xrpc/com.atproto.server.refreshSession');
    expect(refresh.headers.authorization).toBe('Bearer refresh-1');
    expect(pds.to('GET', '/xrpc/app.bsky.actor.getProfile').map((r) => r.headers.authorization)).toEqual([
      'Bearer access-1',
      'Bearer access-2',
    ]);
  });

  it('classifies XRPC errors: rate limit until ratelimit-reset, takedown, bad request, refused session', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 90);
    const cases: Array<[object, object]> = [
      [
        xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-reset': reset }),
        { kind: 'retry', afterMs: expect.any(Number) },
      ],
      [xrpcError(400, 'AccountTakedown', 'Account has been taken down'), { kind: 'disconnect' }],
      [xrpcError(400, 'InvalidRequest', 'Invalid uri'), { kind: 'bad-request' }],
      [xrpcError(502, 'UpstreamFailure'), { kind: 'retry', afterMs: null }],
    ];
    for (const [reply, failure] of cases) {
      pds.on('GET', '/xrpc/app.bsky.feed.getPosts', reply);
      const error = await connector.fetchMetrics(account, [uri('3kabc')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorFailure);
      expect((error as ConnectorFailure).failure).toMatchObject(failure);
    }
    // Not before the window reopens (ratelimit-reset is in Unix seconds).
    pds.on('GET', '/xrpc/app.bsky.feed.getPosts', cases[0][0]);
    const limited = (await connector
      .fetchMetrics(account, [uri('3kabc')])
      .catch((e: unknown) => e)) as ConnectorFailure;
    const afterMs = (limited.failure as { afterMs: number }).afterMs;
    expect(afterMs).toBeGreaterThan(80_000);
    expect(afterMs).toBeLessThanOrEqual(91_000);
    // A refused app password (createSession 401) asks the team to reconnect.
    connector = new BlueskyConnector(
      async () => ({ title: '', description: '', thumb: null }),
      new BlueskySessions(fetchLoopback),
    );
    pds.on(
      'POST',
      '/xrpc/com.atproto.server.createSession',
      xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password'),
    );
    const refused = await connector.fetchAccountStats(account).catch((e: unknown) => e);
    expect((refused as ConnectorFailure).failure).toMatchObject({ kind: 'reauth' });
  });

  it("lists the account's own posts since a date from its author feed, page by page, without reposts", async () => {
    const image = { $type: 'app.bsky.embed.images#view', images: [] };
    pds.on(
      'GET',
      '/xrpc/app.bsky.feed.getAuthorFeed',
      {
        json: {
          cursor: 'page-2',
          feed: [
            { post: postView('3kaaa', {}, '2026-11-30T10:00:00.000Z', image) },
            {
              post: { ...postView('3kbbb', {}), author: { did: 'did:plc:other', handle: 'other.test' } },
              reason: {
                $type: 'app.bsky.feed.defs#reasonRepost',
                by: { did: DID, handle: 'bakery.test' },
                indexedAt: '2026-11-29T10:00:00.000Z',
              },
            },
          ],
        },
      },
      {
        json: {
          cursor: 'page-3',
          feed: [
            { post: postView('3kccc', {}, '2026-11-20T10:00:00.000Z') },
            { post: postView('3kddd', {}, '2026-10-01T10:00:00.000Z') },
          ],
        },
      },
    );
    const posts = await connector.listPosts(account, new Date('2026-11-01T00:00:00Z'));
    expect(posts.map((p) => [p.externalId, p.postType, p.mediaKind, p.url])).toEqual([
      [uri('3kaaa'), 'photo', 'image', `https://bsky.app/profile/${DID}/post/3kaaa`],
      [uri('3kccc'), 'status', null, `https://bsky.app/profile/${DID}/post/3kccc`],
    ]);
    const calls = pds.to('GET', '/xrpc/app.bsky.feed.getAuthorFeed');
    expect(calls.map((c) => [c.query.get('cursor'), c.query.get('filter')])).toEqual([
      [null, 'posts_no_replies'],
      ['page-2', 'posts_no_replies'],
    ]);
  });

  it("looks up a competitor's public figures and recent posts, and names a handle that does not exist", async () => {
    pds.on('GET', '/xrpc/app.bsky.actor.getProfile', (request: ReceivedRequest) =>
      request.query.get('actor') === 'rival.bsky.social'
        ? {
            json: {
              did: 'did:plc:rival',
              handle: 'rival.bsky.social',
              displayName: 'Rival',
              followersCount: 900,
              followsCount: 10,
              postsCount: 400,
            },
          }
        : xrpcError(400, 'InvalidRequest', 'Profile not found'),
    );
    pds.on('GET', '/xrpc/app.bsky.feed.getAuthorFeed', {
      json: {
        feed: [
          {
            post: {
              ...postView('3krrr', { likeCount: 40, repostCount: 5, quoteCount: 0, replyCount: 2 }),
              author: { did: 'did:plc:rival', handle: 'rival.bsky.social' },
            },
          },
        ],
      },
    });
    const rival = await connector.lookupPublicAccount(account, '@rival.bsky.social');
    expect(rival).toMatchObject({
      externalId: 'did:plc:rival',
      handle: 'rival.bsky.social',
      name: 'Rival',
      followers: 900,
      posts: 400,
    });
    expect(rival.recentPosts).toEqual([
      {
        externalId: uri('3krrr'),
        publishedAt: new Date('2026-11-30T10:00:00.000Z'),
        postType: 'status',
        metrics: expect.objectContaining({ reactions: 40, shares: 5, comments: 2 }),
      },
    ]);
    await expect(connector.lookupPublicAccount(account, 'nobody.bsky.social')).rejects.toBeInstanceOf(
      PublicAccountNotFoundError,
    );
  });
});

describe('Bluesky credentials', () => {
  let pds: FakeNetwork;
  beforeAll(async () => {
    pds = await FakeNetwork.start();
  });
  beforeEach(() => pds.reset());
  afterAll(() => pds?.close());

  const provider = () => new BlueskyCredentialsProvider(fetchLoopback);
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => e as CredentialsRejectedError,
    );

  it('stores the PDS, identifier and app password as the sealed token, named by the handle', async () => {
    pds.on('GET', '/xrpc/com.atproto.identity.resolveHandle', { json: { did: DID } });
    pds.on('POST', '/xrpc/com.atproto.server.createSession', session());
    const [account] = await provider().verify({
      identifier: '@bakery.test',
      appPassword: ' app-pass ',
      service: `${pds.url}/`,
    });
    expect(account).toMatchObject({
      externalAccountId: DID,
      name: '@bakery.test',
      settings: { handle: 'bakery.test', service: pds.url },
    });
    expect(JSON.parse(account.tokens.accessToken)).toEqual({
      service: pds.url,
      identifier: 'bakery.test',
      appPassword: 'app-pass',
    });
    expect(JSON.parse(pds.to('POST', '/xrpc/com.atproto.server.createSession')[0].body.toString())).toEqual({
      identifier: 'bakery.test',
      password: 'app-pass',
    });
  });

  it('names the field at fault: unknown handle, refused password, missing input, bad or private address', async () => {
    pds.on(
      'GET',
      '/xrpc/com.atproto.identity.resolveHandle',
      xrpcError(400, 'InvalidRequest', 'Unable to resolve handle'),
    );
    expect(
      (await rejection(provider().verify({ identifier: 'nobody.test', appPassword: 'x', service: pds.url })))?.field,
    ).toBe('identifier');

    pds.on('GET', '/xrpc/com.atproto.identity.resolveHandle', { json: { did: DID } });
    pds.on(
      'POST',
      '/xrpc/com.atproto.server.createSession',
      xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password'),
    );
    expect(
      (await rejection(provider().verify({ identifier: 'bakery.test', appPassword: 'wrong', service: pds.url })))
        ?.field,
    ).toBe('appPassword');
    // An email skips the handle check; the refusal is still the password's.
    expect(
      (await rejection(provider().verify({ identifier: 'me@example.com', appPassword: 'wrong', service: pds.url })))
        ?.field,
    ).toBe('appPassword');

    expect((await rejection(provider().verify({ identifier: '', appPassword: 'x' })))?.field).toBe('identifier');
    expect((await rejection(provider().verify({ identifier: 'a.test', appPassword: '' })))?.field).toBe('appPassword');
    expect(
      (await rejection(provider().verify({ identifier: 'a.test', appPassword: 'x', service: 'ftp://pds' })))?.field,
    ).toBe('service');
    const guarded = new BlueskyCredentialsProvider(guardedFetch(false));
    const privateAddress = await rejection(
      guarded.verify({ identifier: 'a.test', appPassword: 'x', service: pds.url }),
    );
    expect(privateAddress).toBeInstanceOf(CredentialsRejectedError);
    expect(privateAddress?.field).toBe('service');
    expect(pds.to('POST', '/xrpc/com.atproto.server.createSession')).toHaveLength(2);
  });

  it('says the PDS did not answer (a retry, not a refused credential) when nothing listens', async () => {
    const error = await provider()
      .verify({ identifier: 'a.test', appPassword: 'x', service: 'http://127.0.0.1:9' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorFailure);
    expect((error as ConnectorFailure).failure).toMatchObject({ kind: 'retry' });
  });
});
