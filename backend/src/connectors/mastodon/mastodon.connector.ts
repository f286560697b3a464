import { accountLimits } from '../account-limits';
import {
  AccountCredentials,
  AccountStats,
  Connector,
  ConnectorFailure,
  NetworkPost,
  PostMetrics,
  PublicAccount,
  PublishedPost,
  PublishRequest,
} from '../connector';
import type { NetworkLimits } from '../network-limits';
import { requireString, valueAt } from '../oauth2/network-http';
import { validateVariant } from '../variant-validation';
import {
  fetchMastodonAccountStats,
  fetchMastodonMetrics,
  listMastodonPosts,
  lookupMastodonAccount,
  MASTODON_IDS_PER_CALL,
  recentStatuses,
} from './mastodon-metrics';
import { MASTODON_LABEL, mastodonAccount, MastodonApi } from './mastodon.api';
import { MASTODON_LIMITS } from './mastodon.limits';
import { DEFAULT_MEDIA_PACING, MastodonMediaPacing, uploadMastodonMedia } from './mastodon.media';
import { comparableStatus, comparableText, readMastodonOptions, statusText } from './mastodon.options';

/** How many recent statuses `findPublished` reads; an interrupted attempt is minutes old at most. */
const RECENT_STATUSES = 20;

/** Publishes to any Mastodon instance with the account's OAuth token. */
export class MastodonConnector implements Connector {
  readonly network = 'mastodon' as const;
  readonly limits = MASTODON_LIMITS;
  readonly metricsBatchSize = MASTODON_IDS_PER_CALL;
  private readonly pacing: MastodonMediaPacing;

  constructor(pacing: Partial<MastodonMediaPacing> = {}) {
    this.pacing = { ...DEFAULT_MEDIA_PACING, ...pacing };
  }

  /** The instance's own limits, read at connect (500 characters and 4 media where it said nothing). */
  limitsFor(account: AccountCredentials): NetworkLimits {
    return accountLimits(this.network, account.settings);
  }

  /**
   * Media first (their processing awaited), then the status with its poll, content warning and
   * visibility; thread parts follow as replies. Each status goes with its own idempotency key.
   */
  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    this.checkInstanceLimits(account, request);
    const target = mastodonAccount(account);
    const api = MastodonApi.of(target);
    const options = readMastodonOptions(request.options);
    const mediaIds: string[] = [];
    for (const [i, media] of request.media.entries())
      mediaIds.push(await uploadMastodonMedia(api, media, options.altTexts?.[i], this.pacing));
    const common = {
      visibility: options.visibility ?? 'public',
      ...(options.language && { language: options.language }),
    };
    const first = await this.postStatus(api, request.idempotencyKey, {
      status: statusText(request.text, request.link),
      ...common,
      ...(options.spoilerText?.trim() && { spoiler_text: options.spoilerText, sensitive: true }),
      ...(mediaIds.length && { media_ids: mediaIds }),
      ...(request.postType === 'poll' && { poll: pollOf(request.options, options.pollMultiple) }),
    });
    let previous = first.externalId;
    for (const [i, part] of (options.thread ?? []).entries()) {
      // Replies in a thread stay out of public timelines unless the first status is public.
      const reply = await this.postStatus(api, `${request.idempotencyKey}:part-${i + 1}`, {
        status: part,
        in_reply_to_id: previous,
        ...common,
        ...(options.spoilerText?.trim() && { spoiler_text: options.spoilerText, sensitive: true }),
      });
      previous = reply.externalId;
    }
    return first;
  }

  /**
   * A repeat with the same Idempotency-Key already answers with the first status, for an hour;
   * after a crash the account's recent statuses are matched on their text as well.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const target = mastodonAccount(account);
    const statuses = await recentStatuses(MastodonApi.of(target), target.accountId, RECENT_STATUSES);
    const wanted = comparableText(statusText(request.text, request.link));
    const match = statuses.find(
      (status) =>
        !valueAt(status, 'reblog') &&
        !valueAt(status, 'in_reply_to_id') &&
        comparableStatus(String(valueAt(status, 'content') ?? '')) === wanted,
    );
    return match ? published(match) : null;
  }

  /** Deleting a status that is already gone (404) counts as done. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    const api = MastodonApi.of(mastodonAccount(account));
    await api.send(`/api/v1/statuses/${encodeURIComponent(externalId)}`, { method: 'DELETE', alsoOk: [404] });
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchMastodonMetrics(MastodonApi.of(mastodonAccount(account)), externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchMastodonAccountStats(MastodonApi.of(mastodonAccount(account)));
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    const target = mastodonAccount(account);
    return listMastodonPosts(MastodonApi.of(target), target, since);
  }

  lookupPublicAccount(account: AccountCredentials, handle: string): Promise<PublicAccount> {
    return lookupMastodonAccount(MastodonApi.of(mastodonAccount(account)), handle);
  }

  /** The same check the publisher makes, against this instance's figures and with the content warning counted. */
  private checkInstanceLimits(account: AccountCredentials, request: PublishRequest): void {
    const limits = this.limitsFor(account);
    const problems = validateVariant(limits, request);
    const spoiler = request.options.spoilerText;
    const length = limits.countText(request.text) + (typeof spoiler === 'string' ? limits.countText(spoiler) : 0);
    if (typeof spoiler === 'string' && spoiler && length > limits.maxTextLength)
      problems.push({
        field: 'options.spoilerText',
        message: `with the text is ${length} characters; this instance allows ${limits.maxTextLength}`,
      });
    if (problems.length) {
      const reason = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      throw new ConnectorFailure({ kind: 'bad-request', reason: `Mastodon: ${reason}` });
    }
  }

  private async postStatus(api: MastodonApi, idempotencyKey: string, body: object): Promise<PublishedPost> {
    return published(await api.json('/api/v1/statuses', { method: 'POST', body, idempotencyKey }));
  }
}

/** `options.pollOptions` and `options.pollDurationMinutes` as Mastodon's poll (expiry in seconds). */
function pollOf(options: Record<string, unknown>, multiple: boolean | undefined) {
  return {
    options: options.pollOptions as string[],
    expires_in: Number(options.pollDurationMinutes) * 60,
    multiple: multiple ?? false,
  };
}

function published(status: unknown): PublishedPost {
  const url = valueAt(status, 'url');
  return { externalId: requireString(status, 'id', MASTODON_LABEL), url: typeof url === 'string' ? url : null };
}
