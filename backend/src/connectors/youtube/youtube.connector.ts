import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AccountCredentials,
  AccountStats,
  Connector,
  ConnectorFailure,
  NetworkPost,
  PostMetrics,
  PublishedPost,
  PublishMedia,
  PublishRequest,
} from '../connector';
import { UploadSessions } from '../network-state/upload-sessions';
import { retryFailure } from '../oauth2/network-http';
import {
  fetchYouTubeAccountStats,
  fetchYouTubeMetrics,
  listYouTubeUploads,
  YOUTUBE_VIDEOS_PER_CALL,
} from './youtube-metrics';
import { GoogleEndpoints, YOUTUBE_LABEL, YouTubeApi } from './youtube.api';
import { YOUTUBE_LIMITS } from './youtube.limits';
import { YouTubeOptions, youtubeOptions } from './youtube.options';
import { YOUTUBE_COSTS, YouTubeQuota } from './youtube.quota';
import { ResumableUpload, sendFrom, startUploadSession, UPLOAD_CHUNK_UNIT, uploadState } from './youtube.upload';

export interface YouTubeUploadSettings {
  /** Bytes per PUT; a multiple of 256 KiB. */
  chunkBytes: number;
  /** An upload that acknowledged a chunk this recently is still under way (its worker is alive). */
  liveUploadMs: number;
}

const DEFAULT_SETTINGS: YouTubeUploadSettings = { chunkBytes: 32 * UPLOAD_CHUNK_UNIT, liveUploadMs: 2 * 60_000 };

/**
 * Publishes videos and Shorts through the YouTube Data API v3. The account's externalAccountId is
 * the channel id. YouTube takes no idempotency key: the resumable session URI is stored under the
 * attempt's key before any byte goes out, so a later attempt resumes that upload, and lookup asks
 * the session whether the video exists.
 */
export class YouTubeConnector implements Connector {
  readonly network = 'youtube' as const;
  readonly limits = YOUTUBE_LIMITS;
  readonly metricsBatchSize = YOUTUBE_VIDEOS_PER_CALL;
  private readonly logger = new Logger(YouTubeConnector.name);
  private readonly api: YouTubeApi;
  private readonly sessions: UploadSessions;
  readonly quota: YouTubeQuota;
  private readonly settings: YouTubeUploadSettings;

  constructor(endpoints: GoogleEndpoints, dataSource: DataSource, settings: Partial<YouTubeUploadSettings> = {}) {
    this.api = new YouTubeApi(endpoints);
    this.sessions = new UploadSessions(dataSource, 'youtube');
    this.quota = new YouTubeQuota(dataSource);
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const video = request.media.find((m) => m.kind === 'video');
    if (!video) throw new ConnectorFailure({ kind: 'bad-request', reason: 'A YouTube post needs a video' });
    const options = youtubeOptions(request.options);
    const videoId = await this.uploadVideo(account, request, options, video);
    const thumbnail = request.media.find((m) => m.kind === 'image');
    if (thumbnail) await this.setThumbnail(account, videoId, thumbnail);
    return published(videoId, request.postType === 'short');
  }

  /**
   * The upload recorded under this attempt's key tells: done → that video; under way on another
   * worker → ask later; partial → not published (the next attempt resumes it). A session YouTube
   * forgot (they last about a week) is matched on the channel's recent uploads by title.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const session = await this.sessions.find(request.idempotencyKey);
    if (!session) return null; // nothing was sent under this key: the session is recorded before any byte
    const short = request.postType === 'short';
    if (session.state === 'published' && session.externalId) return published(session.externalId, short);
    if (Date.now() - session.progressAt.getTime() < this.settings.liveUploadMs)
      throw retryFailure('YouTube upload still under way on another worker');
    const video = request.media.find((m) => m.kind === 'video');
    const state = await uploadState(this.upload(account, request), session.sessionRef, video?.bytes ?? 0);
    if (state.kind === 'done') {
      await this.sessions.published(request.idempotencyKey, state.videoId);
      return published(state.videoId, short);
    }
    if (state.kind === 'partial') return null;
    await this.sessions.forget(request.idempotencyKey);
    const match = await this.recentUploadTitled(account, youtubeOptions(request.options).title, session.createdAt);
    return match ? published(match, short) : null;
  }

  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.quota.spend(account.externalAccountId, YOUTUBE_COSTS.delete, 'deleting a video');
    try {
      await this.api.call(() => this.api.data(account.accessToken).videos.delete({ id: externalId }));
    } catch (error) {
      // A video already gone (videoNotFound, 404) is what deleting wanted.
      if (error instanceof ConnectorFailure && /HTTP 404/.test(error.message)) return;
      throw error;
    }
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchYouTubeMetrics(this.api, this.quota, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchYouTubeAccountStats(this.api, this.quota, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listYouTubeUploads(this.api, this.quota, account, since);
  }

  private upload(account: AccountCredentials, request: PublishRequest): ResumableUpload {
    return {
      api: this.api,
      sessions: this.sessions,
      accessToken: account.accessToken,
      idempotencyKey: request.idempotencyKey,
      chunkBytes: this.settings.chunkBytes,
    };
  }

  /** Resumes the upload this key began, or opens a session (paying its quota) and records it first. */
  private async uploadVideo(
    account: AccountCredentials,
    request: PublishRequest,
    options: YouTubeOptions,
    video: PublishMedia,
  ): Promise<string> {
    const upload = this.upload(account, request);
    const existing = await this.sessions.find(request.idempotencyKey);
    if (existing?.state === 'published' && existing.externalId) return existing.externalId;
    const bytes = await video.read();
    let offset = 0;
    let sessionUri = existing?.sessionRef;
    if (sessionUri) {
      const state = await uploadState(upload, sessionUri, bytes.length);
      if (state.kind === 'done') return this.finish(request, state.videoId);
      if (state.kind === 'expired') {
        await this.sessions.forget(request.idempotencyKey);
        sessionUri = undefined;
      } else offset = state.nextByte;
    }
    if (!sessionUri) sessionUri = await this.openSession(account, request, upload, options, video);
    const state = await sendFrom(upload, sessionUri, bytes, offset);
    if (state.kind === 'done') return this.finish(request, state.videoId);
    if (state.kind === 'expired') await this.sessions.forget(request.idempotencyKey);
    throw retryFailure(`${YOUTUBE_LABEL} upload session ended before the video was complete; starting again`);
  }

  private async openSession(
    account: AccountCredentials,
    request: PublishRequest,
    upload: ResumableUpload,
    options: YouTubeOptions,
    video: PublishMedia,
  ): Promise<string> {
    await this.quota.spend(account.externalAccountId, YOUTUBE_COSTS.upload, 'a video upload');
    const uri = await startUploadSession(upload, videoResource(request.text, options), video).catch(async (error) => {
      await this.noteQuotaRefusal(account, error);
      throw error;
    });
    // Two attempts racing on one key keep the first session: its bytes are the ones to continue.
    return (await this.sessions.start(request.idempotencyKey, account.externalAccountId, uri)).sessionRef;
  }

  private async finish(request: PublishRequest, videoId: string): Promise<string> {
    await this.sessions.published(request.idempotencyKey, videoId);
    return videoId;
  }

  /**
   * The video is up whatever happens here. A refusal to retry (quota, 5xx) retries the attempt,
   * which finds the upload done and only sets the thumbnail; one that will not change (the
   * channel may not use custom thumbnails) is logged and the video stands with YouTube's own.
   */
  private async setThumbnail(account: AccountCredentials, videoId: string, image: PublishMedia): Promise<void> {
    try {
      await this.quota.spend(account.externalAccountId, YOUTUBE_COSTS.thumbnail, 'a thumbnail');
      const body = await image.read();
      await this.api.call(() =>
        this.api.data(account.accessToken).thumbnails.set(
          { videoId, media: { mimeType: image.mimeType, body: Readable.from(body) } },
          // The SDK builds media upload URLs from the per-call root only.
          { rootUrl: `${this.api.host('upload')}/` },
        ),
      );
    } catch (error) {
      if (error instanceof ConnectorFailure && error.failure.kind === 'retry') throw error;
      this.logger.warn(`YouTube video ${videoId} keeps its own thumbnail: ${(error as Error).message}`);
    }
  }

  private async noteQuotaRefusal(account: AccountCredentials, error: unknown): Promise<void> {
    if (error instanceof ConnectorFailure && /quotaExceeded|dailyLimitExceeded/.test(error.message))
      await this.quota.exhausted(account.externalAccountId);
  }

  /** A video titled like the post among the channel's uploads since the session began. */
  private async recentUploadTitled(account: AccountCredentials, title: string, since: Date): Promise<string | null> {
    const uploads = await listYouTubeUploads(this.api, this.quota, account, new Date(since.getTime() - 60_000), 50);
    return uploads.find((post) => post.text === title)?.externalId ?? null;
  }
}

function videoResource(description: string, options: YouTubeOptions): object {
  return {
    snippet: {
      title: options.title,
      description,
      tags: options.tags.length ? options.tags : undefined,
      categoryId: options.categoryId,
    },
    status: {
      privacyStatus: options.privacy,
      publishAt: options.publishAt ?? undefined,
      selfDeclaredMadeForKids: options.madeForKids,
    },
  };
}

function published(videoId: string, short: boolean): PublishedPost {
  return {
    externalId: videoId,
    url: short ? `https://www.youtube.com/shorts/${videoId}` : `https://www.youtube.com/watch?v=${videoId}`,
  };
}
