import { Injectable } from '@nestjs/common';
import { ApprovalsService } from '../../approvals/approvals.service';
import { AutomationsError } from '../automations.errors';
import { RunsService } from '../runs.service';
import { text, type ActionContext, type ActionResult } from './action-context';

/** Actions that park the run in the database until a person or the clock continues it. */
@Injectable()
export class WaitingActions {
  constructor(
    private readonly runs: RunsService,
    private readonly approvals: ApprovalsService,
  ) {
    // A decision continues the run that waits on it, on the port named after the decision; a
    // request withdrawn on the board (the post went back to Drafts) continues as declined.
    approvals.onDecision(async (approval) => {
      if (!approval.runId || !approval.nodeId) return;
      const port = approval.status === 'withdrawn' ? 'declined' : approval.status;
      await this.runs.decide(approval.runId, approval.nodeId, port, {
        ...(await this.waitingPayload(approval.runId, approval.nodeId)),
        approvalId: approval.id,
        decision: approval.status,
        reason: approval.reason,
      });
    });
  }

  async requestApproval(c: ActionContext): Promise<ActionResult> {
    const postId = text(c.config.postId).trim();
    if (!postId)
      throw new AutomationsError(
        'ACTION_REFUSED',
        'postId: no post to approve (is {{postId}} set by an earlier step?)',
      );
    const hours = typeof c.config.timeoutHours === 'number' ? c.config.timeoutHours : null;
    // The request checks the post first; a person takes longer to decide than this takes to park.
    await this.approvals.request(c.workspaceId, c.actor, {
      postId,
      message: text(c.config.message) || null,
      requestedBy: c.actor.userId,
      run: { runId: c.runId, nodeId: c.nodeId },
    });
    await this.runs.park(
      c.runId,
      c.nodeId,
      c.payload,
      hours ? { at: new Date(Date.now() + hours * 3_600_000), port: 'timeout' } : null,
    );
    return { waiting: true };
  }

  async delay(c: ActionContext): Promise<ActionResult> {
    const at =
      c.config.mode === 'until'
        ? new Date(text(c.config.until))
        : new Date(Date.now() + Number(c.config.minutes ?? 0) * 60_000);
    if (Number.isNaN(at.getTime()))
      throw new AutomationsError('ACTION_REFUSED', `until: "${text(c.config.until)}" is not a date-time`);
    await this.runs.park(c.runId, c.nodeId, c.payload, { at, port: 'out' });
    return { waiting: true };
  }

  private async waitingPayload(runId: string, nodeId: string): Promise<Record<string, unknown>> {
    return (await this.runs.waitingAt(runId, nodeId))?.payload ?? {};
  }
}
