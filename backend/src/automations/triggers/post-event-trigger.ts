import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { POST_LIFECYCLE, type PostLifecycleEvent } from '../../common/domain-events';
import { PostsService } from '../../posts/posts.service';
import { AutomationTriggers } from '../automation-triggers';
import { RunsService } from '../runs.service';

/** `post-event` trigger nodes: a post was published, failed, approved or declined. */
@Injectable()
export class PostEventTrigger {
  constructor(
    private readonly triggers: AutomationTriggers,
    private readonly runs: RunsService,
    private readonly posts: PostsService,
  ) {}

  @OnEvent(POST_LIFECYCLE, { async: true, promisify: true, suppressErrors: false })
  async handle(e: PostLifecycleEvent): Promise<number> {
    const listening = (await this.triggers.live('post-event', e.workspaceId)).filter(({ node }) => {
      const events = Array.isArray(node.config.events) ? node.config.events : [];
      const accounts = Array.isArray(node.config.accountIds) ? node.config.accountIds : [];
      return events.includes(e.event) && (!accounts.length || accounts.includes('*') || accounts.includes(e.accountId));
    });
    if (!listening.length) return 0;
    const post = await this.posts.get(e.workspaceId, e.postId).catch(() => null);
    const variant = post?.variants.find((v) => v.id === e.variantId);
    const payload = {
      event: e.event,
      postId: e.postId,
      variantId: e.variantId,
      accountId: e.accountId,
      network: variant?.network ?? null,
      text: variant?.text ?? post?.text ?? '',
      labels: post?.labels ?? [],
      reason: e.reason,
    };
    for (const { automation, node } of listening) await this.runs.start(automation, node.id, payload);
    return listening.length;
  }
}
