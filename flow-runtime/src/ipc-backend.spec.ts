import type { ActionCall } from '@socialorchestrator/rule-nodes';
import { describe, expect, it } from 'vitest';
import { IpcBackend } from './ipc-backend';
import type { ActionMessage } from './messages';

const call: ActionCall = { type: 'notify', token: 't', runId: 'r', nodeId: 'n', config: {}, payload: { a: 1 } };

describe('IpcBackend', () => {
  it('matches each answer to its call by id', async () => {
    const sent: ActionMessage[] = [];
    const backend = new IpcBackend((message) => sent.push(message) > 0);
    const first = backend.act(call);
    const second = backend.act({ ...call, nodeId: 'm' });
    expect(sent.map((m) => [m.callId, m.call.nodeId])).toEqual([
      [1, 'n'],
      [2, 'm'],
    ]);
    backend.settle({ type: 'action-result', callId: 2, refused: 'postId: no such post' });
    backend.settle({ type: 'action-result', callId: 1, response: { payload: { done: true } } });
    await expect(first).resolves.toEqual({ payload: { done: true } });
    await expect(second).rejects.toThrow('postId: no such post');
  });

  it('fails a call at once when there is no supervisor, and one nobody answers after its time', async () => {
    await expect(new IpcBackend(() => false).act(call)).rejects.toThrow('the runtime has no backend to ask');
    const slow = new IpcBackend(() => true, 20);
    await expect(slow.act(call)).rejects.toThrow('the backend did not answer in time');
    slow.settle({ type: 'action-result', callId: 1, response: { payload: {} } }); // late: dropped
  });
});
