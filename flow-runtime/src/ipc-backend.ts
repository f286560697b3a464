import type { ActionCall, ActionResponse, Backend } from '@socialorchestrator/rule-nodes';
import type { ActionMessage, ActionResultMessage } from './messages';

/** Longer than any action takes (an AI caption, a retried webhook): past it the node fails. */
const ACTION_TIMEOUT_MS = 60_000;

interface Pending {
  resolve(response: ActionResponse): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The rule nodes' `Backend` in the host: each call goes to the supervising backend process over
 * the IPC channel and waits for its `action-result`. No network port and no address to configure:
 * only the process that started the runtime can answer.
 */
export class IpcBackend implements Backend {
  private readonly pending = new Map<number, Pending>();
  private lastCallId = 0;

  /** `send` returns false when there is no supervisor to send to. */
  constructor(
    private readonly send: (message: ActionMessage) => boolean,
    private readonly timeoutMs = ACTION_TIMEOUT_MS,
  ) {}

  act(call: ActionCall): Promise<ActionResponse> {
    const callId = ++this.lastCallId;
    return new Promise<ActionResponse>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(callId, 'the backend did not answer in time'), this.timeoutMs);
      this.pending.set(callId, { resolve, reject, timer });
      if (!this.send({ type: 'action', callId, call })) this.fail(callId, 'the runtime has no backend to ask');
    });
  }

  /** An answer from the supervisor; one for a call that timed out is dropped. */
  settle(result: ActionResultMessage): void {
    const pending = this.pending.get(result.callId);
    if (!pending) return;
    this.pending.delete(result.callId);
    clearTimeout(pending.timer);
    if ('refused' in result) pending.reject(new Error(result.refused));
    else pending.resolve(result.response);
  }

  private fail(callId: number, reason: string): void {
    const pending = this.pending.get(callId);
    if (!pending) return;
    this.pending.delete(callId);
    clearTimeout(pending.timer);
    pending.reject(new Error(reason));
  }
}
