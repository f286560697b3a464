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
import { optionalArray, requireString, valueAt } from '../oauth2/network-http';
import {
  fetchPinterestAccountStats,
  fetchPinterestMetrics,
  listPinterestPins,
  PINTEREST_PINS_PER_CALL,
  pinCreatedAt,
  pinUrl,
} from './pinterest-metrics';
import { PINTEREST_LABEL, PinterestApi } from './pinterest.api';
import { boardSettings, PinterestSettings, readBoards } from './pinterest.boards';
import { carouselSource, imageSource, MediaSource, pinBody, PinOptions, pinOptions } from './pinterest.content';
import { classifyPinCreateFailure } from './pinterest.errors';
import { PINTEREST_LIMITS } from './pinterest.limits';
import { DEFAULT_PINTEREST_VIDEO_PACING, PinterestVideoPacing, uploadPinterestVideo } from './pinterest.video';

export interface PinterestConnectorOptions {
  videoPacing?: Partial<PinterestVideoPacing>;
  /** How far back `findPublished` looks for a pin an interrupted attempt created. */
  lookbackMs?: number;
  now?: () => Date;
}

/** How many of the board's newest pins `findPublished` reads. */
const RECENT_PINS = 25;

/**
 * Pins through Pinterest API v5. The account is the Pinterest user; each pin goes to the board
 * (and section) its variant names, from the boards connect stored in the account's settings.
 */
export class PinterestConnector implements Connector {
  readonly network = 'pinterest' as const;
  readonly limits = PINTEREST_LIMITS;
  readonly metricsBatchSize = PINTEREST_PINS_PER_CALL;
  private readonly api: PinterestApi;
  private readonly pacing: PinterestVideoPacing;
  private readonly lookbackMs: number;
  private readonly now: () => Date;

  constructor(endpoints: Pick<NetworkEndpoints, 'apiBaseUrl'>, options: PinterestConnectorOptions = {}) {
    this.api = new PinterestApi(endpoints.apiBaseUrl);
    this.pacing = { ...DEFAULT_PINTEREST_VIDEO_PACING, ...options.videoPacing };
    this.lookbackMs = options.lookbackMs ?? 6 * 60 * 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const options = pinOptions(request.options);
    const source = await this.mediaSource(account, request, options);
    const pin = await this.api.json(
      account.accessToken,
      'POST',
      '/pins',
      pinBody(request, options, source),
      classifyPinCreateFailure,
    );
    return published(requireString(pin, 'id', PINTEREST_LABEL));
  }

  /**
   * Pinterest keeps no idempotency key: an interrupted attempt's pin is recognised among the
   * board's newest pins by its description, title and link, created within the lookback.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const options = pinOptions(request.options);
    if (!request.text && !options.title && !request.link)
      throw new LookupUnavailableError('The pin has no description, title or link to recognise it by on the board');
    const path = `/boards/${encodeURIComponent(options.boardId)}/pins?page_size=${RECENT_PINS}`;
    const body = await this.api.json(account.accessToken, 'GET', path, undefined, classifyPinCreateFailure);
    const since = this.now().getTime() - this.lookbackMs;
    const match = optionalArray(body, 'items', PINTEREST_LABEL).find(
      (pin) => pinCreatedAt(pin) >= since && samePin(pin, request, options),
    );
    return match ? published(requireString(match, 'id', PINTEREST_LABEL)) : null;
  }

  /** Deleting a pin that is already gone (404) counts as done. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.api.send(account.accessToken, 'DELETE', `/pins/${encodeURIComponent(externalId)}`, [404]);
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchPinterestMetrics(this.api, account, externalIds, this.now());
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchPinterestAccountStats(this.api, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listPinterestPins(this.api, account, since);
  }

  /** Reads the account's boards and sections again (boards made on Pinterest after connecting). */
  async readBoards(account: AccountCredentials): Promise<PinterestSettings> {
    return boardSettings(await readBoards(this.api, account.accessToken), this.now());
  }

  private mediaSource(account: AccountCredentials, request: PublishRequest, options: PinOptions): Promise<MediaSource> {
    const [first] = request.media;
    if (request.postType === 'carousel') return carouselSource(request, options);
    if (first?.kind === 'video') return uploadPinterestVideo(this.api, account.accessToken, first, this.pacing);
    if (!first)
      throw new ConnectorFailure({ kind: 'bad-request', reason: 'media: a pin needs an image, a GIF or a video' });
    return imageSource(first);
  }
}

function samePin(pin: unknown, request: PublishRequest, options: PinOptions): boolean {
  const field = (name: string) => {
    const value = valueAt(pin, name);
    return typeof value === 'string' ? value : '';
  };
  return (
    field('description') === request.text &&
    field('title') === (options.title ?? '') &&
    (!request.link || field('link') === request.link)
  );
}

function published(id: string): PublishedPost {
  return { externalId: id, url: pinUrl(id) };
}
