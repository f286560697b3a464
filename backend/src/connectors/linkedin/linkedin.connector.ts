import {
  AccountCredentials,
  Connector,
  LookupUnavailableError,
  NetworkEndpoints,
  AccountStats,
  NetworkPost,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { optionalArray, parseReply, requireString, retryFailure, valueAt } from '../oauth2/network-http';
import {
  fetchLinkedInAccountStats,
  fetchLinkedInMetrics,
  LINKEDIN_POSTS_PER_CALL,
  listLinkedInPosts,
} from './linkedin-metrics';
import { LINKEDIN_LABEL, LinkedInApi } from './linkedin.api';
import { commentary, postBody } from './linkedin.content';
import { LINKEDIN_LIMITS } from './linkedin.limits';
import {
  DEFAULT_LINKEDIN_UPLOAD_PACING,
  LinkedInUploadPacing,
  uploadLinkedInAsset,
  uploadLinkedInVideo,
} from './linkedin.media-upload';

/** How many of the author's latest posts `findPublished` reads. */
const RECENT_POSTS = 20;

/**
 * Publishes through LinkedIn's Posts API. The account's externalAccountId is the author urn
 * (urn:li:person:… or urn:li:organization:…), as listAccounts reports it.
 */
export class LinkedInConnector implements Connector {
  readonly network = 'linkedin' as const;
  readonly limits = LINKEDIN_LIMITS;
  private readonly api: LinkedInApi;
  private readonly pacing: LinkedInUploadPacing;

  constructor(endpoints: Pick<NetworkEndpoints, 'apiBaseUrl'>, pacing: Partial<LinkedInUploadPacing> = {}) {
    this.api = new LinkedInApi(endpoints.apiBaseUrl);
    this.pacing = { ...DEFAULT_LINKEDIN_UPLOAD_PACING, ...pacing };
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const mediaUrns = await this.upload(account, request);
    const reply = await this.api.send(account.accessToken, 'POST', '/rest/posts', {
      body: postBody(account.externalAccountId, request, mediaUrns),
    });
    // LinkedIn answers 201 with an empty body: the new post's urn is only in this header.
    const urn = reply.headers.get('x-restli-id');
    if (!urn) throw retryFailure(`${LINKEDIN_LABEL} answered without the x-restli-id header`);
    return published(urn);
  }

  /**
   * Matches the author's latest posts on their commentary. Reading posts needs r_member_social,
   * which LinkedIn grants only to approved partners: a 403 means nobody can check automatically.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const author = encodeURIComponent(account.externalAccountId);
    const path = `/rest/posts?author=${author}&q=author&count=${RECENT_POSTS}&sortBy=LAST_MODIFIED`;
    const reply = await this.api.send(account.accessToken, 'GET', path, {
      headers: { 'x-restli-method': 'FINDER' },
      alsoOk: [403],
    });
    if (reply.status === 403)
      throw new LookupUnavailableError('LinkedIn does not let this app read the account’s posts');
    const body = parseReply(reply, LINKEDIN_LABEL);
    const wanted = commentary(request.text);
    const match = optionalArray(body, 'elements', LINKEDIN_LABEL).find(
      (post) => valueAt(post, 'commentary') === wanted,
    );
    return match ? published(requireString(match, 'id', LINKEDIN_LABEL)) : null;
  }

  /** Deleting a post that is already gone (404) counts as done. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.api.send(account.accessToken, 'DELETE', `/rest/posts/${encodeURIComponent(externalId)}`, {
      headers: { 'x-restli-method': 'DELETE' },
      alsoOk: [404],
    });
  }

  readonly metricsBatchSize = LINKEDIN_POSTS_PER_CALL;

  /** Share statistics for organization pages; likes and comments only for member profiles. */
  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchLinkedInMetrics(this.api, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchLinkedInAccountStats(this.api, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listLinkedInPosts(this.api, account, since);
  }

  private async upload(account: AccountCredentials, request: PublishRequest): Promise<string[]> {
    const urns: string[] = [];
    for (const media of request.media) {
      urns.push(
        media.kind === 'video'
          ? await uploadLinkedInVideo(this.api, account.accessToken, account.externalAccountId, media, this.pacing)
          : await uploadLinkedInAsset(this.api, account.accessToken, account.externalAccountId, media),
      );
    }
    return urns;
  }
}

function published(urn: string): PublishedPost {
  return { externalId: urn, url: `https://www.linkedin.com/feed/update/${urn}/` };
}
