import { type AppBskyFeedDefs, type AtpAgent, XRPCError } from '@atproto/api';
import {
  type AccountStats,
  NO_METRICS,
  type NetworkPost,
  type PostMetrics,
  type PublicAccount,
  PublicAccountNotFoundError,
} from '../connector';
import type { PostType } from '../network-limits';
import { xrpc } from './bluesky.errors';

/** app.bsky.feed.getPosts takes at most 25 URIs. */
export const BLUESKY_IDS_PER_CALL = 25;
/** Feed pages listPosts reads at most (100 posts each): enough for the analytics window. */
const MAX_FEED_PAGES = 10;
const RECENT_PUBLIC_POSTS = 20;

type PostView = AppBskyFeedDefs.PostView;

/** Likes are reactions; reposts and quotes are shares; replies are comments. Bluesky reports no views. */
export function postMetrics(post: PostView): PostMetrics {
  const likes = post.likeCount ?? 0;
  return {
    ...NO_METRICS,
    reactions: likes,
    reactionsByType: { like: likes },
    comments: post.replyCount ?? 0,
    shares: (post.repostCount ?? 0) + (post.quoteCount ?? 0),
  };
}

/** Counts of up to 25 posts by their at:// URIs; a URI missing from the answer is a deleted post. */
export async function fetchBlueskyMetrics(agent: AtpAgent, uris: string[]): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  for (let i = 0; i < uris.length; i += BLUESKY_IDS_PER_CALL) {
    const batch = uris.slice(i, i + BLUESKY_IDS_PER_CALL);
    const { data } = await xrpc(() => agent.app.bsky.feed.getPosts({ uris: batch }));
    for (const post of data.posts) metrics.set(post.uri, postMetrics(post));
  }
  return metrics;
}

export async function fetchBlueskyAccountStats(agent: AtpAgent, did: string): Promise<AccountStats> {
  const { data } = await xrpc(() => agent.app.bsky.actor.getProfile({ actor: did }));
  return {
    followers: data.followersCount ?? null,
    following: data.followsCount ?? null,
    posts: data.postsCount ?? null,
    profileViews: null,
  };
}

/** What kind of post a feed item is, from its embed's view type. */
export function postKind(post: PostView): { postType: PostType; mediaKind: NetworkPost['mediaKind'] } {
  const type = (post.embed?.$type ?? '') as string;
  const media = type.startsWith('app.bsky.embed.recordWithMedia')
    ? (((post.embed as { media?: { $type?: string } }).media?.$type ?? '') as string)
    : type;
  if (media.startsWith('app.bsky.embed.images')) return { postType: 'photo', mediaKind: 'image' };
  if (media.startsWith('app.bsky.embed.video')) return { postType: 'video', mediaKind: 'video' };
  if (media.startsWith('app.bsky.embed.external')) return { postType: 'link', mediaKind: null };
  return { postType: 'status', mediaKind: null };
}

const postedAt = (post: PostView): Date => {
  const created = (post.record as { createdAt?: unknown }).createdAt;
  const at = typeof created === 'string' ? new Date(created) : new Date(post.indexedAt);
  return Number.isNaN(at.getTime()) ? new Date(post.indexedAt) : at;
};

const postUrl = (post: PostView): string => {
  const rkey = post.uri.split('/').pop();
  return `https://bsky.app/profile/${post.author.did}/post/${rkey}`;
};

/** The account's own posts (no reposts, no replies) since `since`, newest first, from its author feed. */
export async function listBlueskyPosts(agent: AtpAgent, did: string, since: Date): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_FEED_PAGES; page++) {
    const { data } = await xrpc(() =>
      agent.app.bsky.feed.getAuthorFeed({ actor: did, limit: 100, cursor, filter: 'posts_no_replies' }),
    );
    for (const item of data.feed) {
      if (item.reason || item.post.author.did !== did) continue;
      const publishedAt = postedAt(item.post);
      if (publishedAt < since) return posts;
      const text = (item.post.record as { text?: unknown }).text;
      posts.push({
        externalId: item.post.uri,
        url: postUrl(item.post),
        text: typeof text === 'string' ? text : '',
        publishedAt,
        ...postKind(item.post),
      });
    }
    cursor = data.cursor;
    if (!cursor || data.feed.length === 0) break;
  }
  return posts;
}

/** A public profile's figures and its latest own posts with their public counts (competitors). */
export async function lookupBlueskyAccount(agent: AtpAgent, handle: string): Promise<PublicAccount> {
  const actor = handle.trim().replace(/^@/, '');
  const profile = await agent.app.bsky.actor.getProfile({ actor }).catch((error: unknown) => {
    if (error instanceof XRPCError && error.status === 400)
      throw new PublicAccountNotFoundError(`Bluesky has no public account @${actor}`);
    return xrpc(() => Promise.reject(error));
  });
  const { data } = profile;
  const feed = await xrpc(() =>
    agent.app.bsky.feed.getAuthorFeed({ actor: data.did, limit: RECENT_PUBLIC_POSTS, filter: 'posts_no_replies' }),
  );
  return {
    externalId: data.did,
    handle: data.handle,
    name: data.displayName?.trim() || data.handle,
    followers: data.followersCount ?? null,
    following: data.followsCount ?? null,
    posts: data.postsCount ?? null,
    recentPosts: feed.data.feed
      .filter((item) => !item.reason && item.post.author.did === data.did)
      .map((item) => ({
        externalId: item.post.uri,
        publishedAt: postedAt(item.post),
        postType: postKind(item.post).postType,
        metrics: postMetrics(item.post),
      })),
  };
}
