import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import {
  APPROVAL_REQUESTED,
  type ApprovalRequestedEvent,
  POST_LIFECYCLE,
  type PostLifecycleEvent,
  type PublishFailureCode,
  RUN_PROBLEM,
  type RunProblemEvent,
} from '../common/domain-events';
import { Post } from '../posts/post.entity';
import { Membership } from '../workspaces/membership.entity';
import { WorkspaceAccessService } from '../workspaces/workspace-access.service';
import { type Notice, NotificationsService } from './notifications.service';

const ON = { async: true, promisify: true, suppressErrors: false } as const;

/**
 * Turns what other contexts announce into notifications for the people concerned. Each handler is
 * idempotent: the event's key is told once, however often it is delivered.
 */
@Injectable()
export class NotificationHandlers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly access: WorkspaceAccessService,
  ) {}

  @OnEvent(POST_LIFECYCLE, ON)
  async onPost(e: PostLifecycleEvent): Promise<void> {
    if (e.event === 'published') return;
    const post = await this.dataSource.manager.findOneBy(Post, { id: e.postId, workspaceId: e.workspaceId });
    if (!post) return;
    const link = `/w/${e.workspaceId}/posts/${e.postId}`;
    const excerpt = snippet(post.text);
    const key = `post.${e.event}:${e.key ?? `${e.postId}:${e.variantId ?? ''}:${Date.now()}`}`;
    if (e.event === 'failed') {
      const account = e.accountId
        ? await this.dataSource.manager.findOneBy(SocialAccount, { id: e.accountId, workspaceId: e.workspaceId })
        : null;
      const where = account ? ` to ${account.name}` : '';
      await this.tellAuthor(post, {
        kind: 'post_failed',
        key,
        title: `A post${where} was not published`,
        body: `“${excerpt}” could not be published${where}. ${plainReason(e.failureCode, e.reason)}`,
        link,
        groupLink: `/w/${e.workspaceId}/board`,
        action: { kind: 'retry', postId: post.id },
      });
      return;
    }
    const approved = e.event === 'approved';
    const note = e.reason ? ` Note: ${e.reason}` : '';
    await this.tellAuthor(post, {
      kind: approved ? 'post_approved' : 'post_declined',
      key,
      title: approved ? 'Your post was approved' : 'Your post was declined',
      body: approved
        ? `“${excerpt}” was approved and goes out as scheduled.${note}`
        : `“${excerpt}” was declined and is back with you.${note}`,
      link,
      groupLink: `/w/${e.workspaceId}/board`,
    });
  }

  @OnEvent(APPROVAL_REQUESTED, ON)
  async onApprovalRequested(e: ApprovalRequestedEvent): Promise<void> {
    const post = await this.dataSource.manager.findOneBy(Post, { id: e.postId, workspaceId: e.workspaceId });
    if (!post) return;
    const approvers = await this.membersWith(e.workspaceId, 'approvals:write');
    await this.notifications.notifyUsers(
      e.workspaceId,
      approvers.filter((id) => id !== e.requestedBy),
      {
        kind: 'approval_waiting',
        key: `approval.requested:${e.approvalId}`,
        title: 'A post is waiting for your approval',
        body: `“${snippet(post.text)}”${e.message ? ` — ${e.message}` : ''}`,
        link: `/w/${e.workspaceId}/approvals`,
      },
    );
  }

  @OnEvent(RUN_PROBLEM, ON)
  async onRunProblem(e: RunProblemEvent): Promise<void> {
    const stopped = e.outcome === 'stopped';
    const handler = e.handlerProblem ? ` Its error handler did not start: ${e.handlerProblem}.` : '';
    await this.notifications.notify(e.workspaceId, {
      roles: e.tell?.length ? e.tell : ['owner', 'admin'],
      kind: 'run_problem',
      key: `run.${e.outcome}:${e.runId}`,
      title: stopped ? `Automation "${e.automationName}" was stopped` : `Automation "${e.automationName}" failed`,
      body:
        (stopped
          ? `A run was stopped: ${e.reason}. Other automations keep running. Check its graph for a loop or a flood.`
          : `A run failed${e.step ? ` at "${e.step}"` : ''}: ${e.reason}. Open the run to see the step that failed.`) +
        handler,
      // The run itself, drawn on the canvas with the step that failed.
      link: `/w/${e.workspaceId}/automations/${e.automationId}?run=${e.runId}`,
    });
  }

  /** The post's author; owners and admins when no one wrote it (an automation) or the author left. */
  private async tellAuthor(post: Post, notice: Notice): Promise<void> {
    const author =
      post.authorId &&
      (await this.dataSource.manager.existsBy(Membership, { workspaceId: post.workspaceId, userId: post.authorId }));
    if (author) await this.notifications.notifyUsers(post.workspaceId, [post.authorId!], notice);
    else await this.notifications.notify(post.workspaceId, { ...notice, roles: ['owner', 'admin'] });
  }

  /** Members whose role (built-in or custom) grants the permission. */
  private async membersWith(workspaceId: string, permission: string): Promise<string[]> {
    const members = await this.dataSource.manager.findBy(Membership, { workspaceId });
    const allowed: string[] = [];
    for (const m of members) {
      const access = await this.access.resolve(m.userId, workspaceId);
      if (access?.permissions.includes(permission as never)) allowed.push(m.userId);
    }
    return allowed;
  }
}

const snippet = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text) || 'A post';

/** What a failure means and what to do about it, by the engine's failure code; the network's own words follow. */
const FAILURE_ADVICE: Record<PublishFailureCode, string> = {
  REAUTH_REQUIRED:
    'The account needs reconnecting: the network no longer accepts its sign-in. Reconnect it, then retry.',
  ACCOUNT_DISCONNECTED: 'The account was disconnected. Reconnect it on the Accounts page, then retry.',
  ACCOUNT_UNAVAILABLE: 'The account cannot be used any more (removed or paused). Pick another account, then retry.',
  NETWORK_NOT_CONFIGURED: 'This network is not set up on the server (its app keys are missing). Ask your admin.',
  INVALID_POST: "The post does not meet the network's rules. Edit it, then retry.",
  REJECTED: 'The network refused the post. Edit it if the reason below says why, then retry.',
  RETRIES_EXHAUSTED: 'The network kept failing, so we stopped after several tries. Retry in a while.',
};

/** A failure said as a person would: what to do (by its code), then the network's reason. */
export function plainReason(code: PublishFailureCode | undefined, reason: string | null): string {
  const said = reason?.replace(/\s+/g, ' ').trim();
  const advice = code ? FAILURE_ADVICE[code] : null;
  if (!advice) return said ? `The network said: ${said}` : 'The network gave no reason.';
  return said ? `${advice} (The network said: ${said})` : advice;
}
