import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import {
  AccountCredentials,
  AccountStats,
  Connector,
  ConnectorFailure,
  LookupUnavailableError,
  NetworkEndpoints,
  NetworkPost,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { UploadSessions } from '../network-state/upload-sessions';
import {
  fetchTikTokAccountStats,
  fetchTikTokMetrics,
  listTikTokVideos,
  TIKTOK_VIDEOS_PER_CALL,
} from './tiktok-metrics';
import { TikTokApi } from './tiktok.api';
import { classifyTikTokFailReason, TikTokDeleteUnsupportedError } from './tiktok.errors';
import { TIKTOK_LIMITS } from './tiktok.limits';
import { checkAgainstCreator, TikTokOptions, tiktokOptions } from './tiktok.options';
import {
  creatorInfo,
  initPhotos,
  initVideo,
  PublishStatus,
  publishStatus,
  TIKTOK_CHUNK_BYTES,
  uploadChunks,
} from './tiktok.publish';

export interface TikTokPacing {
  chunkBytes: number;
  /** Status checks within one attempt, and the wait between them. */
  statusChecks: number;
  statusIntervalMs: number;
  /** When TikTok is still processing after those checks, the attempt comes back this much later. */
  checkAgainMs: number;
  /** An upload that sent a chunk this recently is still under way (its worker is alive). */
  liveUploadMs: number;
}

const DEFAULT_PACING: TikTokPacing = {
  chunkBytes: TIKTOK_CHUNK_BYTES,
  statusChecks: 12,
  statusIntervalMs: 5_000,
  checkAgainMs: 60_000,
  liveUploadMs: 2 * 60_000,
};

const PENDING = new Set(['PROCESSING_UPLOAD', 'PROCESSING_DOWNLOAD']);

/** Stands in for a photo post's publish_id until TikTok answered init. */
const AWAITING_INIT = 'awaiting-init';

/** Failures after which TikTok may or may not have taken the request. */
const UNKNOWN_OUTCOME = /could not be reached|HTTP 5\d\d|not JSON|without /;

/**
 * Publishes through TikTok's Content Posting API. The account's externalAccountId is the
 * creator's open_id. TikTok takes no idempotency key: the publish_id is stored under the attempt's
 * key before the upload, so a later attempt (after a crash, or because TikTok was still
 * processing) checks that publish's status instead of posting again.
 */
export class TikTokConnector implements Connector {
  readonly network = 'tiktok' as const;
  readonly limits = TIKTOK_LIMITS;
  readonly metricsBatchSize = TIKTOK_VIDEOS_PER_CALL;
  private readonly api: TikTokApi;
  private readonly sessions: UploadSessions;
  private readonly pacing: TikTokPacing;

  constructor(
    endpoints: Pick<NetworkEndpoints, 'apiBaseUrl'>,
    dataSource: DataSource,
    pacing: Partial<TikTokPacing> = {},
  ) {
    this.api = new TikTokApi(endpoints.apiBaseUrl);
    this.sessions = new UploadSessions(dataSource, 'tiktok');
    this.pacing = { ...DEFAULT_PACING, ...pacing };
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const earlier = await this.settle(account, request);
    if (earlier && earlier !== 'pending') return earlier;
    const publishId =
      earlier === 'pending'
        ? (await this.sessions.find(request.idempotencyKey))!.sessionRef
        : await this.start(account, request);
    return this.awaitPublished(account, request, publishId);
  }

  /**
   * The publish recorded under the key tells: complete → that post; failed or an upload that
   * broke off → not published; still processing or uploading → ask again later.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const earlier = await this.settle(account, request);
    if (earlier !== 'pending') return earlier;
    throw new ConnectorFailure({
      kind: 'retry',
      afterMs: this.pacing.checkAgainMs,
      reason: 'TikTok is still processing the post',
    });
  }

  /** What became of the publish an earlier attempt recorded under this key (null: none, or it came to nothing). */
  private async settle(
    account: AccountCredentials,
    request: PublishRequest,
  ): Promise<PublishedPost | null | 'pending'> {
    const session = await this.sessions.find(request.idempotencyKey);
    if (!session) return null; // stored before any byte: without it nothing reached TikTok
    const username = usernameOf(account);
    if (session.state === 'published' && session.externalId) return published(session.externalId, username);
    if (session.sessionRef === AWAITING_INIT)
      throw new LookupUnavailableError(
        'TikTok was asked to post the photos but its answer was lost: check the creator’s profile',
      );
    const status = await publishStatus(this.api, account.accessToken, session.sessionRef);
    const done = this.outcome(status, session.sessionRef);
    if (done) {
      await this.sessions.published(request.idempotencyKey, done);
      return published(done, username);
    }
    if (status.status === 'FAILED' || this.uploadBroke(status, request, session.progressAt)) {
      await this.sessions.forget(request.idempotencyKey);
      return null;
    }
    return 'pending';
  }

  /** TikTok's API cannot delete posts. */
  delete(): Promise<void> {
    return Promise.reject(new TikTokDeleteUnsupportedError());
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchTikTokMetrics(this.api, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchTikTokAccountStats(this.api, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listTikTokVideos(this.api, account, since);
  }

  /** Creator info first (TikTok requires it), then init; the publish_id is stored before any byte goes up. */
  private async start(account: AccountCredentials, request: PublishRequest): Promise<string> {
    const options = tiktokOptions(request.options);
    const video = request.media.find((m) => m.kind === 'video');
    if (options.mode === 'direct')
      checkAgainstCreator(options, await creatorInfo(this.api, account.accessToken), video);
    if (!video) return this.startPhotos(account, request, options);
    const started = await initVideo(this.api, account.accessToken, request, options, video, this.pacing.chunkBytes);
    const session = await this.sessions.start(request.idempotencyKey, account.externalAccountId, started.publishId);
    if (started.uploadUrl)
      await uploadChunks(this.api, started.uploadUrl, video, this.pacing.chunkBytes, () =>
        this.sessions.progress(request.idempotencyKey),
      );
    return session.sessionRef;
  }

  /**
   * TikTok starts pulling photos as soon as init is answered, so the attempt is recorded before
   * that call: an answer lost in a crash leaves a record without a publish_id, which a person checks.
   */
  private async startPhotos(
    account: AccountCredentials,
    request: PublishRequest,
    options: TikTokOptions,
  ): Promise<string> {
    await this.sessions.start(request.idempotencyKey, account.externalAccountId, AWAITING_INIT);
    const started = await initPhotos(this.api, account.accessToken, request, options).catch(async (error: unknown) => {
      // A refusal TikTok answered created nothing; only a lost or broken answer leaves it unknown.
      if (error instanceof ConnectorFailure && !UNKNOWN_OUTCOME.test(error.message))
        await this.sessions.forget(request.idempotencyKey);
      throw error;
    });
    await this.sessions.setRef(request.idempotencyKey, started.publishId);
    return started.publishId;
  }

  /** Bounded polling: a long processing ends this attempt with a retry that checks again, never a blocked worker. */
  private async awaitPublished(
    account: AccountCredentials,
    request: PublishRequest,
    publishId: string,
  ): Promise<PublishedPost> {
    for (let check = 0; check < this.pacing.statusChecks; check++) {
      if (check > 0) await sleep(this.pacing.statusIntervalMs);
      const status = await publishStatus(this.api, account.accessToken, publishId);
      const done = this.outcome(status, publishId);
      if (done) {
        await this.sessions.published(request.idempotencyKey, done);
        return published(done, usernameOf(account));
      }
      if (status.status === 'FAILED') {
        await this.sessions.forget(request.idempotencyKey);
        throw new ConnectorFailure(classifyTikTokFailReason(status.failReason ?? 'unknown'));
      }
    }
    throw new ConnectorFailure({
      kind: 'retry',
      afterMs: this.pacing.checkAgainMs,
      reason: 'TikTok is still processing the post; checking again shortly',
    });
  }

  /**
   * The post's id once TikTok is done with it. A post in the creator's inbox, or a private one
   * TikTok gives no post id for, is known by its publish_id.
   */
  private outcome(status: PublishStatus, publishId: string): string | null {
    if (status.status === 'PUBLISH_COMPLETE') return status.postId ?? publishId;
    if (status.status === 'SEND_TO_USER_INBOX') return publishId;
    return null;
  }

  /** Still "uploading" with bytes missing and no chunk for a while: the uploading worker is gone. */
  private uploadBroke(status: PublishStatus, request: PublishRequest, progressAt: Date): boolean {
    if (!PENDING.has(status.status) || Date.now() - progressAt.getTime() < this.pacing.liveUploadMs) return false;
    const video = request.media.find((m) => m.kind === 'video');
    return !!video && status.uploadedBytes !== null && status.uploadedBytes < video.bytes;
  }
}

/** The creator's handle, kept in the account's settings on connect. */
function usernameOf(account: AccountCredentials): string | null {
  const username = account.settings?.username;
  return typeof username === 'string' && username ? username : null;
}

/** A post id (digits) links to the video; a publish_id (inbox, private) has no public page. */
function published(id: string, username: string | null): PublishedPost {
  const url = username && /^\d+$/.test(id) ? `https://www.tiktok.com/@${username}/video/${id}` : null;
  return { externalId: id, url };
}
