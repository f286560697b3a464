import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LookupUnavailableError, MetricsUnavailableError, NO_METRICS, PublishRequest } from '../connector';
import { failureOf, publishRequest, urlMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson } from '../../testing/fake-network';
import { GoogleBusinessConnector } from './google-business.connector';

const location = 'accounts/111/locations/9001';
const account = { externalAccountId: location, accessToken: 'ya29.token' };
const postsPath = `/v4/${location}/localPosts`;
const now = new Date('2026-12-03T12:00:00Z');
const postName = `${location}/localPosts/555`;
const createdPost = (extra: Record<string, unknown> = {}) => ({
  json: {
    name: postName,
    state: 'LIVE',
    createTime: '2026-12-03T11:59:30.123Z',
    searchUrl: 'https://local.google.com/place?id=1&use=posts&lpsid=555',
    ...extra,
  },
});
const postRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest({ text: 'Fresh sourdough every morning from 7am.' }, overrides);

/** Google's error envelope. */
const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({
  status: code,
  json: { error: { code, message, status, details } },
});

describe('GoogleBusinessConnector', () => {
  let fake: FakeNetwork;
  let connector: GoogleBusinessConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new GoogleBusinessConnector({ apiBaseUrl: fake.url }, { now: () => now });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('posts an update whose link becomes a Learn more button, and answers with its search URL', async () => {
      fake.on('POST', postsPath, createdPost());

      const post = await connector.publish(account, postRequest({ link: 'https://greenleaf.example/bread' }));

      expect(post).toEqual({ externalId: postName, url: 'https://local.google.com/place?id=1&use=posts&lpsid=555' });
      const [sent] = fake.received;
      expect(sent.headers.authorization).toBe('Bearer ya29.token');
      expect(readJson(sent)).toEqual({
        topicType: 'STANDARD',
        summary: 'Fresh sourdough every morning from 7am.',
        callToAction: { actionType: 'LEARN_MORE', url: 'https://greenleaf.example/bread' },
      });
    });

    it('posts an update with one photo by its signed URL and a chosen Order button', async () => {
      fake.on('POST', postsPath, createdPost());

      await connector.publish(
        account,
        postRequest({
          postType: 'photo',
          media: [urlMedia('photo-1')],
          options: { callToAction: { type: 'ORDER', url: 'https://greenleaf.example/order' } },
        }),
      );

      expect(readJson(fake.received[0])).toEqual({
        topicType: 'STANDARD',
        summary: 'Fresh sourdough every morning from 7am.',
        callToAction: { actionType: 'ORDER', url: 'https://greenleaf.example/order' },
        media: [{ mediaFormat: 'PHOTO', sourceUrl: 'https://media.example/photo-1' }],
      });
    });

    it('posts an event with its title and schedule in the location’s own dates and times, and a Call button', async () => {
      fake.on('POST', postsPath, createdPost());

      await connector.publish(
        account,
        postRequest({
          options: {
            topic: 'event',
            event: {
              title: 'Bread-making class',
              startDate: '2026-12-12',
              startTime: '09:30',
              endDate: '2026-12-12',
              endTime: '12:00',
            },
            callToAction: { type: 'CALL' },
          },
        }),
      );

      expect(readJson(fake.received[0])).toEqual({
        topicType: 'EVENT',
        summary: 'Fresh sourdough every morning from 7am.',
        event: {
          title: 'Bread-making class',
          schedule: {
            startDate: { year: 2026, month: 12, day: 12 },
            endDate: { year: 2026, month: 12, day: 12 },
            startTime: { hours: 9, minutes: 30, seconds: 0, nanos: 0 },
            endTime: { hours: 12, minutes: 0, seconds: 0, nanos: 0 },
          },
        },
        callToAction: { actionType: 'CALL' },
      });
    });

    it('posts an offer with coupon, terms and the post’s link as its redeem URL (offers take no button)', async () => {
      fake.on('POST', postsPath, createdPost());

      await connector.publish(
        account,
        postRequest({
          link: 'https://greenleaf.example/offer',
          options: {
            topic: 'offer',
            event: { title: '2 for 1 loaves', startDate: '2026-12-01', endDate: '2026-12-24' },
            offer: { couponCode: 'LOAF241', terms: 'One per customer.' },
          },
        }),
      );

      expect(readJson(fake.received[0])).toEqual({
        topicType: 'OFFER',
        summary: 'Fresh sourdough every morning from 7am.',
        event: {
          title: '2 for 1 loaves',
          schedule: { startDate: { year: 2026, month: 12, day: 1 }, endDate: { year: 2026, month: 12, day: 24 } },
        },
        offer: {
          couponCode: 'LOAF241',
          redeemOnlineUrl: 'https://greenleaf.example/offer',
          termsConditions: 'One per customer.',
        },
      });
    });

    it('refuses bad options before calling Google, naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ topic: 'event' }, 'options.event'],
        [
          { topic: 'event', event: { title: 'x', startDate: '2026-12-12', endDate: '12/13/2026' } },
          'options.event.endDate',
        ],
        [{ callToAction: { type: 'CALL_NOW' } }, 'options.callToAction.type'],
        [{ callToAction: { type: 'BOOK' } }, 'options.callToAction.url'],
        [{ topic: 'poll' }, 'options.topic'],
      ];
      for (const [options, field] of cases) {
        const failure = await failureOf(connector.publish(account, postRequest({ options })));
        expect(failure.kind).toBe('bad-request');
        expect(failure.reason.startsWith(field)).toBe(true);
      }
      expect(fake.received).toHaveLength(0);
    });
  });

  describe('failures', () => {
    it('names the field Google refused (INVALID_ARGUMENT with field violations) in the composer’s words', async () => {
      fake.on(
        'POST',
        postsPath,
        googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
          {
            '@type': 'type.googleapis.com/google.mybusiness.v4.ValidationError',
            errorDetails: [{ code: 3, field: 'event.title', message: 'Title is too long' }],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'local_post.summary', description: 'Summary contains a phone number' }],
          },
        ]),
      );

      const failure = await failureOf(connector.publish(account, postRequest()));

      expect(failure.kind).toBe('bad-request');
      expect(failure.reason).toContain('options.event.title: Title is too long');
      expect(failure.reason).toContain('text: Summary contains a phone number');
    });

    it('asks for reconnection on UNAUTHENTICATED (expired sign-in) and PERMISSION_DENIED', async () => {
      fake.on(
        'POST',
        postsPath,
        googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
      );
      expect(await failureOf(connector.publish(account, postRequest()))).toMatchObject({ kind: 'reauth' });

      fake.on('POST', postsPath, googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'));
      const denied = await failureOf(connector.publish(account, postRequest()));
      expect(denied.kind).toBe('reauth');
      expect(denied.reason).toContain('does not have permission');
    });

    it('retries RESOURCE_EXHAUSTED after Retry-After, else after the RetryInfo delay', async () => {
      fake.on('POST', postsPath, {
        ...googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'),
        headers: { 'retry-after': '30' },
      });
      expect(await failureOf(connector.publish(account, postRequest()))).toMatchObject({
        kind: 'retry',
        afterMs: 30_000,
      });

      fake.on(
        'POST',
        postsPath,
        googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' },
        ]),
      );
      expect(await failureOf(connector.publish(account, postRequest()))).toMatchObject({
        kind: 'retry',
        afterMs: 12_000,
      });
    });

    it('retries a server error (503 UNAVAILABLE) and an answer that is not JSON or has no name', async () => {
      fake.on('POST', postsPath, googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
      expect(await failureOf(connector.publish(account, postRequest()))).toMatchObject({ kind: 'retry' });

      fake.on('POST', postsPath, { text: '<html>proxy</html>' });
      expect(await failureOf(connector.publish(account, postRequest()))).toMatchObject({ kind: 'retry' });

      fake.on('POST', postsPath, { json: { state: 'LIVE' } });
      expect(await failureOf(connector.publish(account, postRequest()))).toMatchObject({ kind: 'retry' });
    });
  });

  describe('findPublished (after a crash)', () => {
    it('finds the location’s recent post with the same summary and topic', async () => {
      fake.on('GET', postsPath, {
        json: {
          localPosts: [
            {
              name: `${location}/localPosts/1`,
              summary: 'Other',
              topicType: 'STANDARD',
              createTime: '2026-12-03T11:00:00Z',
            },
            {
              name: postName,
              summary: 'Fresh sourdough every morning from 7am.',
              topicType: 'STANDARD',
              createTime: '2026-12-03T11:59:30Z',
              searchUrl: 'https://local.google.com/x',
            },
          ],
        },
      });

      expect(await connector.findPublished(account, postRequest())).toEqual({
        externalId: postName,
        url: 'https://local.google.com/x',
      });
    });

    it('answers null when only an older post or another topic matches the text', async () => {
      fake.on('GET', postsPath, {
        json: {
          localPosts: [
            {
              name: 'a',
              summary: 'Fresh sourdough every morning from 7am.',
              topicType: 'STANDARD',
              createTime: '2026-12-01T08:00:00Z',
            },
            {
              name: 'b',
              summary: 'Fresh sourdough every morning from 7am.',
              topicType: 'OFFER',
              createTime: '2026-12-03T11:59:00Z',
            },
          ],
        },
      });

      expect(await connector.findPublished(account, postRequest())).toBeNull();
    });

    it('leaves the decision to a person when the post has no text to recognise it by', async () => {
      await expect(connector.findPublished(account, postRequest({ text: '' }))).rejects.toBeInstanceOf(
        LookupUnavailableError,
      );
    });
  });

  describe('delete', () => {
    it('deletes the post by its resource name, and counts one already gone as deleted', async () => {
      fake.on('DELETE', `/v4/${postName}`, { json: {} });
      await connector.delete(account, postName);
      expect(fake.to('DELETE', `/v4/${postName}`)).toHaveLength(1);

      fake.on(
        'DELETE',
        `/v4/${location}/localPosts/404`,
        googleError(404, 'NOT_FOUND', 'Requested entity was not found.'),
      );
      await expect(connector.delete(account, `${location}/localPosts/404`)).resolves.toBeUndefined();
    });
  });

  describe('metrics', () => {
    it('has no post figures to read (null, never 0) and leaves out posts Google no longer has', async () => {
      fake
        .on('GET', `/v4/${postName}`, createdPost())
        .on('GET', `/v4/${location}/localPosts/gone`, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));

      const metrics = await connector.fetchMetrics(account, [postName, `${location}/localPosts/gone`]);

      expect([...metrics.entries()]).toEqual([[postName, NO_METRICS]]);
    });

    it('reads profile views of the latest reported day from the Performance API', async () => {
      const day = (d: number, value?: string) => ({ date: { year: 2026, month: 11, day: d }, ...(value && { value }) });
      fake.on('GET', '/v1/locations/9001:fetchMultiDailyMetricsTimeSeries', {
        json: {
          multiDailyMetricTimeSeries: [
            {
              dailyMetricTimeSeries: [
                {
                  dailyMetric: 'BUSINESS_IMPRESSIONS_DESKTOP_MAPS',
                  timeSeries: { datedValues: [day(28, '10'), day(29, '4')] },
                },
                {
                  dailyMetric: 'BUSINESS_IMPRESSIONS_MOBILE_SEARCH',
                  timeSeries: { datedValues: [day(28, '30'), day(29)] },
                },
              ],
            },
          ],
        },
      });

      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: null,
        following: null,
        posts: null,
        profileViews: 4,
      });
      const query = fake.received[0].query;
      expect(query.getAll('dailyMetrics')).toHaveLength(4);
      expect(query.get('dailyRange.startDate.day')).toBe('26');
      expect(query.get('dailyRange.endDate.month')).toBe('12');
    });

    it('says figures are unavailable when Google refuses the location’s performance (403)', async () => {
      fake.on(
        'GET',
        '/v1/locations/9001:fetchMultiDailyMetricsTimeSeries',
        googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
      );

      await expect(connector.fetchAccountStats(account)).rejects.toBeInstanceOf(MetricsUnavailableError);
    });

    it('lists the location’s posts since a date, newest first', async () => {
      fake.on('GET', postsPath, {
        json: {
          localPosts: [
            { name: 'p1', summary: 'Old', createTime: '2026-10-01T00:00:00Z' },
            {
              name: 'p2',
              summary: 'With photo',
              createTime: '2026-12-02T00:00:00Z',
              media: [{ mediaFormat: 'PHOTO' }],
            },
            { name: 'p3', summary: 'Plain', createTime: '2026-12-01T00:00:00Z' },
          ],
        },
      });

      const posts = await connector.listPosts(account, new Date('2026-11-15T00:00:00Z'));

      expect(posts.map((p) => [p.externalId, p.postType, p.mediaKind])).toEqual([
        ['p2', 'photo', 'image'],
        ['p3', 'status', null],
      ]);
    });
  });
});
