import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ActivityService } from '../activity/activity.service';
import {
  ACCOUNT_NEEDS_RECONNECT,
  type AccountNeedsReconnectEvent,
  POST_LIFECYCLE,
  type PostLifecycleEvent,
  type PublishFailureCode,
} from '../common/domain-events';
import type { AppConfig } from '../config/app-config';
import { User } from '../identity/user.entity';
import { MailService } from '../mail/mail.service';
import { Membership } from '../workspaces/membership.entity';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { PublishJob } from './publish-job.entity';

/** Tells the team when a post did not go out (or needs a person): activity log plus email to owners and admins. */
@Injectable()
export class PublishNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly activity: ActivityService,
    private readonly events: EventEmitter2,
  ) {}

  async published(job: PublishJob, externalId: string): Promise<void> {
    await this.activity.record(job.workspaceId, null, {
      action: 'post.published',
      targetType: 'post',
      targetId: job.postId,
      details: { variantId: job.variantId, accountId: job.accountId, externalId },
    });
    await this.announce(job, { event: 'published', variantId: job.variantId, accountId: job.accountId, reason: null });
  }

  /** Automations listening for post events start their runs (written to the database before this resolves). */
  private async announce(job: PublishJob, event: Omit<PostLifecycleEvent, 'workspaceId' | 'postId' | 'key'>) {
    const e: PostLifecycleEvent = {
      ...event,
      workspaceId: job.workspaceId,
      postId: job.postId,
      key: `${job.id}:${job.attempts}`,
    };
    await this.events.emitAsync(POST_LIFECYCLE, e);
  }

  /** A failure is told by notifications: its author, as they prefer, with a Retry. */
  async failed(job: PublishJob, failureCode: PublishFailureCode, reason: string): Promise<void> {
    await this.recordProblem(job, 'post.failed', reason);
    await this.announce(job, {
      event: 'failed',
      variantId: job.variantId,
      accountId: job.accountId,
      reason,
      failureCode,
    });
  }

  /** The network refused the account's token while publishing: REST hook subscribers hear of it. */
  async accountNeedsReconnect(job: PublishJob, reason: string): Promise<void> {
    const e: AccountNeedsReconnectEvent = {
      workspaceId: job.workspaceId,
      accountId: job.accountId,
      reason,
      key: `${job.accountId}:job:${job.id}`,
    };
    await this.events.emitAsync(ACCOUNT_NEEDS_RECONNECT, e);
  }

  /** A post that may or may not have gone out needs an owner or admin to look: they are emailed. */
  async needsReview(job: PublishJob, accountName: string, reason: string): Promise<void> {
    await this.recordProblem(job, 'post.needs_review', reason);
    const link = `${this.config.publicUrl}/w/${job.workspaceId}/posts/${job.postId}`;
    const subject = `Please check whether a post to ${accountName} went out`;
    const text =
      `Publishing to ${accountName} was interrupted and the network cannot be asked whether the post went out. ` +
      `It will not be sent again on its own. Check the account, then mark it published or publish it again.\n\n${link}`;
    for (const to of await this.recipients(job.workspaceId)) {
      await this.mail.enqueue({ to, subject, text, workspaceId: job.workspaceId });
    }
  }

  private recordProblem(job: PublishJob, action: 'post.failed' | 'post.needs_review', reason: string) {
    return this.activity.record(job.workspaceId, null, {
      action,
      targetType: 'post',
      targetId: job.postId,
      details: { variantId: job.variantId, accountId: job.accountId, reason },
    });
  }

  private async recipients(workspaceId: string): Promise<string[]> {
    const members = await this.dataSource.manager.findBy(Membership, { workspaceId, role: In(['owner', 'admin']) });
    if (!members.length) return [];
    const users = await this.dataSource.manager.findBy(User, { id: In(members.map((m) => m.userId)) });
    return users.map((u) => u.email);
  }
}
