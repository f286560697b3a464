import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { findPage, Page, PageQuery } from '../common/pagination';
import type { Principal } from '../access/access-context';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import {
  POST_APPROVAL_MOVE,
  APPROVAL_REQUESTED,
  type ApprovalRequestedEvent,
  POST_LIFECYCLE,
  type PostApprovalMoveEvent,
  type PostLifecycleEvent,
} from '../common/domain-events';
import { newId } from '../common/ids';
import { randomToken, sha256 } from '../common/secrets';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { ScheduleInputDto } from '../posts/posts.dto';
import { PostsService } from '../posts/posts.service';
import { ApprovalEdits, type VariantEdit } from './approval-edits';
import { ApprovalLink } from './approval-link.entity';
import { ApprovalViews, type ApprovalView } from './approval-views';
import { Approval } from './approval.entity';
import { ApprovalsError } from './approvals.errors';

export interface ApprovalRequest {
  postId: string;
  message: string | null;
  requestedBy: string | null;
  /** The automation run waiting on the decision, at this node. */
  run: { runId: string; nodeId: string } | null;
  /** The schedule the approval policy held, applied on approval. */
  heldSchedule?: ScheduleInputDto | null;
}

/** A decision on a request: a decline needs a reason; an approver may edit the texts first. */
export interface Decision {
  outcome: 'approved' | 'declined';
  reason: string | null;
  /** Decided by a client through a link: who they said they are. */
  clientName?: string;
  /** New texts, saved before the post is scheduled (members only). */
  edits?: VariantEdit[];
}

/** How long a client's approval link works. */
const LINK_HOURS = 72;

/**
 * Someone decided, or withdrew the request: who waits on it (an automation run) continues on the
 * approved or declined port (withdrawn goes on as declined, its decision saying `withdrawn`).
 */
export type DecisionListener = (approval: Approval) => Promise<void>;

/** Approving posts: asked for by members or automations, decided by members or by clients through a link. */
@Injectable()
export class ApprovalsService {
  private readonly listeners: DecisionListener[] = [];

  constructor(
    @InjectRepository(Approval) private readonly approvals: Repository<Approval>,
    @InjectRepository(ApprovalLink) private readonly links: Repository<ApprovalLink>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly posts: PostsService,
    private readonly views: ApprovalViews,
    private readonly edits: ApprovalEdits,
    private readonly activity: ActivityService,
    private readonly events: EventEmitter2,
  ) {}

  onDecision(listener: DecisionListener): void {
    this.listeners.push(listener);
  }

  async request(workspaceId: string, actor: Principal | null, request: ApprovalRequest): Promise<Approval> {
    const post = await this.posts.get(workspaceId, request.postId);
    await this.posts.holdForApproval(workspaceId, post.id);
    const approval = this.approvals.create({
      id: newId(),
      workspaceId,
      postId: post.id,
      status: 'pending',
      message: request.message,
      requestedBy: request.requestedBy,
      runId: request.run?.runId ?? null,
      nodeId: request.run?.nodeId ?? null,
      heldSchedule: request.heldSchedule ?? null,
      decidedBy: null,
      reason: null,
      decidedAt: null,
    });
    await this.approvals.insert(approval);
    await this.activity.record(workspaceId, actor, {
      action: 'post.approval_requested',
      targetType: 'post',
      targetId: post.id,
      details: { approvalId: approval.id, message: request.message },
    });
    const requested: ApprovalRequestedEvent = {
      workspaceId,
      approvalId: approval.id,
      postId: post.id,
      requestedBy: request.requestedBy,
      message: request.message,
    };
    await this.events.emitAsync(APPROVAL_REQUESTED, requested);
    return approval;
  }

  /** The board moved a post into "Pending approval" (ask, as POST /approvals does) or out of it (withdraw). */
  @OnEvent(POST_APPROVAL_MOVE, { async: true, promisify: true, suppressErrors: false })
  async onBoardMove(e: PostApprovalMoveEvent): Promise<void> {
    if (e.entered) {
      // Scheduled again while it waits: the open request holds the newer schedule, no second request.
      const open = e.schedule
        ? await this.approvals.findOneBy({ workspaceId: e.workspaceId, postId: e.postId, status: 'pending' })
        : null;
      if (open) {
        await this.approvals.update({ id: open.id, status: 'pending' }, { heldSchedule: e.schedule });
        return;
      }
      await this.request(e.workspaceId, e.actor, {
        postId: e.postId,
        message: null,
        requestedBy: e.actor.userId,
        run: null,
        heldSchedule: e.schedule ?? null,
      });
      return;
    }
    const open = await this.approvals.findBy({ workspaceId: e.workspaceId, postId: e.postId, status: 'pending' });
    for (const approval of open) {
      const withdrawn = await this.approvals.update(
        { id: approval.id, status: 'pending' },
        { status: 'withdrawn', decidedBy: e.actor.userId, decidedAt: new Date() },
      );
      if (!withdrawn.affected) continue;
      await this.activity.record(e.workspaceId, e.actor, {
        action: 'post.approval_withdrawn',
        targetType: 'post',
        targetId: e.postId,
        details: { approvalId: approval.id },
      });
      // A run waiting on it goes on now (as declined), rather than waiting out its timeout for nobody.
      const updated = await this.approvals.findOneByOrFail({ id: approval.id });
      for (const listener of this.listeners) await listener(updated);
    }
  }

  /** Newest first, a page at a time (a fixed 200 left older requests out without saying so). */
  async list(
    workspaceId: string,
    status: Approval['status'] = 'pending',
    query: PageQuery = {},
  ): Promise<Page<ApprovalView>> {
    const page = await findPage(this.approvals, { workspaceId, status }, query);
    return { items: await this.views.many(page.items), nextCursor: page.nextCursor };
  }

  /** Pending requests `userId` may decide and did not ask for, newest first, `limit` of them and how many in all. */
  async waitingFor(workspaceId: string, userId: string, limit: number) {
    const qb = this.approvals
      .createQueryBuilder('a')
      .where('a.workspaceId = :workspaceId AND a.status = :status', { workspaceId, status: 'pending' })
      .andWhere('(a.requestedBy IS NULL OR a.requestedBy <> :me)', { me: userId });
    const [rows, total] = await Promise.all([qb.clone().orderBy('a.id', 'DESC').take(limit).getMany(), qb.getCount()]);
    return { items: await this.views.many(rows), total };
  }

  /**
   * Approve or decline, once; a decline needs a reason. A member (`actor`) or a client through a
   * link (`actor` null, `clientName` given) decides; a member's edits are checked before anything
   * changes and saved only by the decision that wins.
   */
  async decide(workspaceId: string, actor: Principal | null, id: string, decision: Decision): Promise<ApprovalView> {
    const { outcome, reason, clientName, edits } = decision;
    const approval = await this.approvals.findOneBy({ id, workspaceId });
    if (!approval) throw notFound('Approval');
    const by = clientName ? `${clientName} (client)` : null;
    // Held by the policy, a member does not approve their own post: someone else has to.
    if (
      outcome === 'approved' &&
      actor &&
      actor.userId === approval.requestedBy &&
      (await this.posts.needsApproval(workspaceId, actor))
    ) {
      throw new ApprovalsError('OWN_POST', 'Your posts need approval: someone else approves this one');
    }
    if (approval.status !== 'pending') throw new ApprovalsError('ALREADY_DECIDED');
    const planned =
      actor && outcome === 'approved' && edits?.length
        ? await this.edits.plan(workspaceId, approval.postId, edits)
        : null;
    const decided = await this.approvals.update(
      { id, status: 'pending', decidedAt: IsNull() },
      {
        status: outcome,
        decidedBy: actor?.userId ?? null,
        reason: by ? [reason, `— ${by}`].filter(Boolean).join(' ') : reason,
        decidedAt: new Date(),
      },
    );
    if (!decided.affected) throw new ApprovalsError('ALREADY_DECIDED');
    await this.posts.settleApproval(workspaceId, approval.postId);
    // Only the one decision that won the update above gets here, so edits are saved and the post
    // scheduled once; the edited texts are in place before the schedule is applied.
    if (planned) await this.edits.apply(workspaceId, actor!, id, planned);
    const scheduleProblem =
      outcome === 'approved' && approval.heldSchedule
        ? await this.posts.applyApprovedSchedule(workspaceId, actor, approval.postId, approval.heldSchedule)
        : null;
    await this.activity.record(workspaceId, actor, {
      action: outcome === 'approved' ? 'post.approved' : 'post.declined',
      targetType: 'post',
      targetId: approval.postId,
      details: { approvalId: id, reason, ...(by && { by }), ...(scheduleProblem && { scheduleProblem }) },
    });
    const updated = await this.approvals.findOneByOrFail({ id });
    for (const listener of this.listeners) await listener(updated);
    const event: PostLifecycleEvent = {
      event: outcome,
      workspaceId,
      postId: approval.postId,
      variantId: null,
      accountId: null,
      // The author is told, with the note, when the time it was composed for has passed.
      reason: [reason, scheduleProblem].filter(Boolean).join(' — ') || null,
      key: id,
    };
    await this.events.emitAsync(POST_LIFECYCLE, event);
    return { ...(await this.views.one(updated)), scheduleProblem };
  }

  /** How the edited texts measure against their networks, before approving (the page's counters). */
  async checkEdits(workspaceId: string, id: string, edits: VariantEdit[]) {
    const approval = await this.approvals.findOneBy({ id, workspaceId });
    if (!approval) throw notFound('Approval');
    return { variants: (await this.edits.check(workspaceId, approval.postId, edits)).checks };
  }

  /** An expiring link for a client with no account: they see the post, approve, decline or comment. */
  async createLink(workspaceId: string, id: string, hours = LINK_HOURS): Promise<{ url: string; expiresAt: string }> {
    const approval = await this.approvals.findOneBy({ id, workspaceId });
    if (!approval) throw notFound('Approval');
    const token = randomToken(32);
    const expiresAt = new Date(Date.now() + hours * 3_600_000);
    await this.links.insert({ tokenHash: sha256(token), approvalId: id, workspaceId, expiresAt });
    return { url: `${this.config.publicUrl}/approve/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /** The approval a link opens, if the link is real and not expired. */
  async byLink(token: string): Promise<Approval> {
    const link = await this.links.findOneBy({ tokenHash: sha256(token) });
    if (!link || link.expiresAt < new Date()) throw new ApprovalsError('LINK_INVALID');
    return this.approvals.findOneByOrFail({ id: link.approvalId });
  }

  viewOf(approval: Approval): Promise<ApprovalView> {
    return this.views.one(approval);
  }

  /** Nobody decided in time: the run that waited has moved on, so the request is closed. */
  async expire(runId: string, nodeId: string): Promise<void> {
    const approval = await this.approvals.findOneBy({ runId, nodeId, status: 'pending' });
    if (!approval) return;
    await this.approvals.update({ id: approval.id, status: 'pending' }, { status: 'expired', decidedAt: new Date() });
    await this.posts.settleApproval(approval.workspaceId, approval.postId);
  }
}
