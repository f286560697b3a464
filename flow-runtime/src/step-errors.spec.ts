import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCompiledNode, type NodeErrorPolicy } from '@socialorchestrator/rule-nodes';
import type { RunSettledMessage, StepRecord } from './messages';
import { FlowRuntimeSupervisor } from './supervisor';
import { HOST, tempDir, until } from './testing/processes';

/** hook → draft (its error policy) → out: a notify on `out`, another on `error` when it continues. */
function flow(id: string, onError: NodeErrorPolicy | undefined) {
  const continues = onError?.mode === 'continue';
  const ports = continues ? ['out', 'error'] : ['out'];
  const wires = continues ? [[`${id}:done`], [`${id}:rescue`]] : [[`${id}:done`]];
  const so = (nodeId: string, type: string, nodePorts: string[], config: Record<string, unknown>) =>
    encodeCompiledNode({
      nodeId,
      type,
      ports: nodePorts,
      config,
      workspaceId: `ws-${id}`,
      ...(nodeId === 'draft' && onError && { onError }),
    });
  return [
    { id, type: 'tab', label: id, env: [{ name: 'SO_TOKEN', type: 'str', value: `t-${id}` }] },
    {
      id: `${id}:hook`,
      type: 'so-webhook-in',
      z: id,
      wires: [[`${id}:draft`]],
      so: so('hook', 'webhook-in', ['out'], {}),
    },
    {
      id: `${id}:draft`,
      type: 'so-create-draft',
      z: id,
      name: 'Announce',
      wires,
      so: so('draft', 'create-draft', ports, { text: 'New: {{title}}', accountIds: ['*'] }),
    },
    {
      id: `${id}:done`,
      type: 'so-notify',
      z: id,
      wires: [[]],
      so: so('done', 'notify', ['out'], { message: 'ok', roles: ['owner'] }),
    },
    {
      id: `${id}:rescue`,
      type: 'so-notify',
      z: id,
      wires: [[]],
      so: so('rescue', 'notify', ['out'], { message: 'Failed at {{error.step}}: {{error.message}}', roles: ['owner'] }),
    },
  ];
}

describe('what a step does when it fails', () => {
  let runtime: FlowRuntimeSupervisor;
  const steps: StepRecord[] = [];
  const settled = new Map<string, RunSettledMessage>();
  /** Draft calls per run, and when each came: the backend refuses the first `failTimes` of a run. */
  const calls = new Map<string, number[]>();
  const notices: Array<{ runId: string; config: Record<string, unknown> }> = [];
  const start = (flowId: string, runId: string, payload: Record<string, unknown>) =>
    runtime.trigger(`${flowId}:hook`, { payload, _so: { runId, hops: 0 } });
  const of = (runId: string) => steps.filter((s) => s.runId === runId).sort((a, b) => a.startedAt - b.startedAt);

  beforeAll(async () => {
    runtime = new FlowRuntimeSupervisor({
      hostScript: HOST,
      env: { FLOW_RUNTIME_DIR: tempDir('step-errors'), LOG_LEVEL: 'fatal' },
    });
    runtime.on('steps', (batch) => steps.push(...batch));
    runtime.on('run-settled', (message) => settled.set(message.runId, message));
    runtime.on('action', (call, reply) => {
      if (call.type === 'notify') {
        notices.push({ runId: call.runId, config: call.config });
        return reply({ response: { payload: { ...call.payload, notified: 1 } } });
      }
      const times = calls.get(call.runId) ?? [];
      times.push(Date.now());
      calls.set(call.runId, times);
      const failTimes = Number(call.payload.failTimes ?? 0);
      reply(
        times.length <= failTimes
          ? { refused: `the network is down (call ${times.length})` }
          : { response: { payload: { ...call.payload, postId: 'p1' } } },
      );
    });
    await runtime.start();
    await runtime.deploy([
      ...flow('stops', undefined),
      ...flow('continues', { mode: 'continue' }),
      ...flow('retries', { mode: 'retry', retries: 2, delaySeconds: 1 }),
    ]);
  });
  afterAll(() => runtime?.stop());

  it('stops the run by default: the failed step ends it and nothing after it runs', async () => {
    start('stops', 'stop-1', { title: 'x', failTimes: 1 });
    await until(() => settled.has('stop-1'), 5000, 'run settled');
    expect(settled.get('stop-1')!.error).toBe('draft: the network is down (call 1)');
    expect(of('stop-1').map((s) => [s.nodeId, s.port, s.error])).toEqual([
      ['hook', 'out', null],
      ['draft', null, 'the network is down (call 1)'],
    ]);
  });

  it('continues on the error port: the failing item goes on with the error and the step name, the run succeeds', async () => {
    start('continues', 'cont-1', { title: 'Spring', failTimes: 1 });
    await until(() => settled.has('cont-1'), 5000, 'run settled');
    expect(settled.get('cont-1')).toMatchObject({ error: null, stopped: null });
    await until(() => of('cont-1').length === 3, 2000, 'three steps');
    const [, draft, rescue] = of('cont-1');
    const failed = {
      title: 'Spring',
      failTimes: 1,
      error: { message: 'the network is down (call 1)', step: 'Announce' },
    };
    expect(draft).toMatchObject({
      nodeId: 'draft',
      port: 'error',
      error: 'the network is down (call 1)',
      output: failed,
    });
    expect(rescue).toMatchObject({ nodeId: 'rescue', port: 'out', input: failed, error: null });
    // The step after the error port reads the error's fields like any other.
    expect(notices.find((n) => n.runId === 'cont-1')!.config.message).toBe(
      'Failed at Announce: the network is down (call 1)',
    );
    expect(notices.some((n) => n.runId === 'cont-1' && n.config.message === 'ok')).toBe(false);
  });

  it('continues on the normal port when the step does not fail', async () => {
    start('continues', 'cont-2', { title: 'Fine' });
    await until(() => settled.has('cont-2'), 5000, 'run settled');
    expect(of('cont-2').map((s) => [s.nodeId, s.port])).toEqual([
      ['hook', 'out'],
      ['draft', 'out'],
      ['done', 'out'],
    ]);
  });

  it('retries with a doubling wait, each attempt a step, and goes on when one succeeds', async () => {
    start('retries', 'retry-1', { title: 'x', failTimes: 2 });
    await until(() => settled.has('retry-1'), 10_000, 'run settled');
    expect(settled.get('retry-1')).toMatchObject({ error: null, stopped: null });
    expect(of('retry-1').map((s) => [s.nodeId, s.port, s.error])).toEqual([
      ['hook', 'out', null],
      ['draft', null, 'the network is down (call 1) (attempt 1; retrying in 1 s)'],
      ['draft', null, 'the network is down (call 2) (attempt 2; retrying in 2 s)'],
      ['draft', 'out', null],
      ['done', 'out', null],
    ]);
    const [first, second, third] = calls.get('retry-1')!;
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(third - second).toBeGreaterThanOrEqual(1950);
  });

  it('fails the run when the last retry fails too, saying how many it had', async () => {
    start('retries', 'retry-2', { title: 'x', failTimes: 9 });
    await until(() => settled.has('retry-2'), 10_000, 'run settled');
    expect(settled.get('retry-2')!.error).toBe('draft: the network is down (call 3) (after 2 retries)');
    expect(calls.get('retry-2')).toHaveLength(3);
    expect(of('retry-2').filter((s) => s.nodeId === 'draft')).toHaveLength(3);
    expect(of('retry-2').some((s) => s.nodeId === 'done')).toBe(false);
  });
});
