import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import {
  ACCOUNT_NEEDS_RECONNECT,
  type AccountNeedsReconnectEvent,
  APPROVAL_REQUESTED,
  type ApprovalRequestedEvent,
  POST_LIFECYCLE,
  type PostLifecycleEvent,
  RUN_PROBLEM,
  type RunProblemEvent,
} from '../common/domain-events';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PostVariant } from '../posts/post-variant.entity';
import { Post } from '../posts/post.entity';
import { SubscriptionFanout } from './subscription-fanout';

const ON = { async: true, promisify: true, suppressErrors: false } as const;

/**
 * Maps what other contexts announce to REST hook events and their documented `data`
 * (subscription-events.ts). Reads the post and account it names, as the notification handlers do.
 * A failure here is logged, never thrown: an integration must not fail a publish or a decision.
 */
@Injectable()
export class SubscriptionEventHandlers {
  private readonly logger = new Logger('SubscriptionEventHandlers');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fanout: SubscriptionFanout,
  ) {}

  @OnEvent(POST_LIFECYCLE, ON)
  async onPost(e: PostLifecycleEvent): Promise<void> {
    const key = e.key ?? `${e.postId}:${e.variantId ?? ''}`;
    if (e.event === 'published' || e.event === 'failed') {
      const event = e.event === 'published' ? 'post.published' : 'post.failed';
      const failure = e.event === 'failed' ? { failureCode: e.failureCode ?? null, reason: e.reason } : {};
      await this.safely(event, () =>
        this.fanout.announce(e.workspaceId, event, key, async () => {
          const post = await this.postData(e);
          return post && { ...post, ...failure };
        }),
      );
      return;
    }
    await this.safely('approval.decided', () =>
      this.fanout.announce(e.workspaceId, 'approval.decided', key, async () => {
        const post = await this.dataSource.manager.findOneBy(Post, { id: e.postId, workspaceId: e.workspaceId });
        return {
          approvalId: e.key ?? null,
          postId: e.postId,
          text: post?.text ?? null,
          decision: e.event,
          reason: e.reason,
          link: this.link(e.workspaceId, `posts/${e.postId}`),
        };
      }),
    );
  }

  @OnEvent(APPROVAL_REQUESTED, ON)
  async onApprovalRequested(e: ApprovalRequestedEvent): Promise<void> {
    await this.safely('approval.requested', () =>
      this.fanout.announce(e.workspaceId, 'approval.requested', e.approvalId, async () => {
        const post = await this.dataSource.manager.findOneBy(Post, { id: e.postId, workspaceId: e.workspaceId });
        return {
          approvalId: e.approvalId,
          postId: e.postId,
          text: post?.text ?? null,
          requestedBy: e.requestedBy,
          message: e.message,
          link: this.link(e.workspaceId, `posts/${e.postId}`),
        };
      }),
    );
  }

  @OnEvent(RUN_PROBLEM, ON)
  async onRunProblem(e: RunProblemEvent): Promise<void> {
    await this.safely('run.failed', () =>
      this.fanout.announce(e.workspaceId, 'run.failed', e.runId, async () => ({
        runId: e.runId,
        automationId: e.automationId,
        automationName: e.automationName,
        outcome: e.outcome,
        reason: e.reason,
        link: this.link(e.workspaceId, `automations/${e.automationId}/runs`),
      })),
    );
  }

  @OnEvent(ACCOUNT_NEEDS_RECONNECT, ON)
  async onAccountNeedsReconnect(e: AccountNeedsReconnectEvent): Promise<void> {
    await this.safely('account.needs_reconnect', () =>
      this.fanout.announce(e.workspaceId, 'account.needs_reconnect', e.key, async () => {
        const account = await this.dataSource.manager.findOneBy(SocialAccount, {
          id: e.accountId,
          workspaceId: e.workspaceId,
        });
        return {
          accountId: e.accountId,
          accountName: account?.name ?? null,
          network: account?.network ?? null,
          reason: e.reason,
          link: this.link(e.workspaceId, 'accounts'),
        };
      }),
    );
  }

  private async postData(e: PostLifecycleEvent): Promise<Record<string, unknown> | null> {
    const post = await this.dataSource.manager.findOneBy(Post, { id: e.postId, workspaceId: e.workspaceId });
    if (!post) return null;
    const variant = e.variantId ? await this.dataSource.manager.findOneBy(PostVariant, { id: e.variantId }) : null;
    const account = e.accountId ? await this.dataSource.manager.findOneBy(SocialAccount, { id: e.accountId }) : null;
    return {
      postId: post.id,
      variantId: e.variantId,
      accountId: e.accountId,
      accountName: account?.name ?? null,
      network: account?.network ?? null,
      text: variant?.text ?? post.text,
      ...(e.event === 'published' && { externalUrl: variant?.externalUrl ?? null }),
      link: this.link(e.workspaceId, `posts/${post.id}`),
    };
  }

  private link(workspaceId: string, path: string): string {
    return `${this.config.publicUrl}/w/${workspaceId}/${path}`;
  }

  private async safely(event: string, write: () => Promise<number>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error(`REST hook deliveries of ${event} not written: ${(error as Error).message}`);
    }
  }
}
