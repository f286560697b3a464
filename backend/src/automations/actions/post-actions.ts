import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccountsService } from '../../accounts/accounts.service';
import type { SocialAccount } from '../../accounts/social-account.entity';
import { MediaUploads } from '../../media/media-uploads.service';
import { PostsService } from '../../posts/posts.service';
import { AutomationsError } from '../automations.errors';
import { list, text, type ActionContext, type ActionResult } from './action-context';
import { draftSources } from './draft-sources';

/**
 * Actions on posts: create a draft, label, schedule, publish now. A busy automation drafts for
 * every event: the workspace's accounts are read at most once a second for it, so an account
 * connected, disconnected or removed counts for drafts within that second.
 */
@Injectable()
export class PostActions {
  private readonly recentAccounts = new LRUCache<string, SocialAccount[]>({ max: 1000, ttl: 1000 });

  constructor(
    private readonly posts: PostsService,
    private readonly accounts: AccountsService,
    private readonly media: MediaUploads,
  ) {}

  async createDraft(c: ActionContext): Promise<ActionResult> {
    const live = this.recentAccounts.get(c.workspaceId) ?? (await this.liveAccounts(c.workspaceId));
    const { accounts, link, mediaIds, mediaUrls } = draftSources(c, live);
    // Media by URL (a Zapier call's media_urls) is downloaded into the library first; the planner checks each network takes it.
    const media = [...mediaIds, ...(await this.download(c, mediaUrls))];
    const postId = await this.posts.add(
      c.workspaceId,
      c.actor,
      {
        text: text(c.config.text),
        labels: list(c.config.labels),
        variants: accounts.map((a) => ({
          accountId: a.id,
          ...(link && { link }),
          ...(media.length && { mediaIds: media }),
        })),
      },
      'automation',
      live,
    );
    return { payload: { ...c.payload, postId } };
  }

  private async download(c: ActionContext, urls: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const url of urls) {
      try {
        ids.push(await this.media.fromUrl(c.workspaceId, c.actor.userId, url));
      } catch (error) {
        throw new AutomationsError(
          'ACTION_REFUSED',
          `mediaUrls: "${url}" could not be fetched (${(error as Error).message})`,
        );
      }
    }
    return ids;
  }

  async addLabels(c: ActionContext): Promise<ActionResult> {
    const post = await this.posts.get(c.workspaceId, this.postId(c));
    const labels = [...new Set([...post.labels, ...list(c.config.labels)])];
    await this.posts.update(c.workspaceId, c.actor, post.id, { labels });
    return { payload: { ...c.payload, postId: post.id, labels } };
  }

  async schedulePost(c: ActionContext): Promise<ActionResult> {
    const at = text(c.config.at);
    const schedule =
      c.config.when === 'at' ? { type: 'single' as const, at: isoTime(at, 'at') } : { type: 'queue' as const };
    const post = await this.posts.reschedule(c.workspaceId, c.actor, this.postId(c), schedule);
    return { payload: { ...c.payload, postId: post.id, scheduledAt: post.nextRunAt } };
  }

  async publishNow(c: ActionContext): Promise<ActionResult> {
    const schedule = { type: 'single' as const, at: new Date().toISOString() };
    const post = await this.posts.reschedule(c.workspaceId, c.actor, this.postId(c), schedule);
    return { payload: { ...c.payload, postId: post.id, scheduledAt: post.nextRunAt } };
  }

  private async liveAccounts(workspaceId: string): Promise<SocialAccount[]> {
    const live = await this.accounts.live(workspaceId);
    this.recentAccounts.set(workspaceId, live);
    return live;
  }

  private postId(c: ActionContext): string {
    const id = text(c.config.postId).trim();
    if (!id)
      throw new AutomationsError('ACTION_REFUSED', 'postId: no post to act on (is {{postId}} set by an earlier step?)');
    return id;
  }
}

function isoTime(value: string, field: string): string {
  const at = new Date(value);
  if (!value || Number.isNaN(at.getTime()))
    throw new AutomationsError('ACTION_REFUSED', `${field}: "${value}" is not a date-time`);
  return at.toISOString();
}
