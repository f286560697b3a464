import { AccountCredentials, NO_METRICS, PublicAccount, PublicAccountNotFoundError } from '../connector';
import { isObject, readGraphTime, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphFailure } from '../meta-graph/graph-client';
import { insightsRefusal } from '../meta-graph/graph-insights';
import { count, INSTAGRAM_NO_INSIGHTS, instagramPostKind, readObject } from './instagram-metrics';

/** Recent media a competitor lookup reads through business discovery. */
const COMPETITOR_MEDIA = 25;
/** Instagram usernames: letters, digits, "." and "_", at most 30. Checked before going into a field expansion. */
const USERNAME = /^[A-Za-z0-9._]{1,30}$/;

/**
 * A competitor through business discovery: another professional account's public figures and
 * recent media (likes and comments only; their reach is private).
 */
export async function lookupInstagramAccount(
  graph: GraphClient,
  account: AccountCredentials,
  handle: string,
): Promise<PublicAccount> {
  const username = handle.trim().replace(/^@/, '');
  if (!USERNAME.test(username))
    throw new PublicAccountNotFoundError(`"${handle}" is not an Instagram username (letters, digits, "." and "_")`);
  const media = `media.limit(${COMPETITOR_MEDIA}){id,timestamp,media_type,media_product_type,like_count,comments_count}`;
  const fields = `business_discovery.username(${username}){id,username,name,followers_count,follows_count,media_count,${media}}`;
  const answer = await graph
    .get(`/${account.externalAccountId}`, account.accessToken, { fields }, readObject)
    .catch((error: unknown) => {
      if (error instanceof GraphFailure && error.graph.code === 110)
        throw new PublicAccountNotFoundError(
          `Instagram has no business or creator account @${username} (business discovery sees only those)`,
        );
      throw insightsRefusal(error, INSTAGRAM_NO_INSIGHTS);
    });
  const found = isObject(answer.business_discovery) ? answer.business_discovery : {};
  const items = isObject(found.media) && Array.isArray(found.media.data) ? found.media.data.filter(isObject) : [];
  return {
    externalId: stringField(found, 'id') ?? username,
    handle: stringField(found, 'username') ?? username,
    name: stringField(found, 'name') ?? username,
    followers: count(found.followers_count),
    following: count(found.follows_count),
    posts: count(found.media_count),
    recentPosts: items.flatMap((item) => {
      const id = stringField(item, 'id');
      const publishedAt = readGraphTime(item.timestamp);
      if (!id || !publishedAt) return [];
      const metrics = { ...NO_METRICS, reactions: count(item.like_count), comments: count(item.comments_count) };
      return [{ externalId: id, publishedAt, postType: instagramPostKind(item).postType, metrics }];
    }),
  };
}
