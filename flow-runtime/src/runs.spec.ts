import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCompiledNode, type ActionCall } from '@socialorchestrator/rule-nodes';
import type { RunSettledMessage, StepRecord } from './messages';
import { FlowRuntimeSupervisor } from './supervisor';
import { HOST, tempDir, until } from './testing/processes';

/** A compiled node as the backend deploys it. */
const node = (
  flow: string,
  id: string,
  type: string,
  ports: string[],
  config: Record<string, unknown>,
  wires: string[][],
) => ({
  id: `${flow}:${id}`,
  type: `so-${type}`,
  z: flow,
  wires: wires.map((targets) => targets.map((t) => `${flow}:${t}`)),
  so: encodeCompiledNode({ nodeId: id, type, ports, config, workspaceId: `ws-${flow}` }),
});
const tab = (id: string) => ({
  id,
  type: 'tab',
  label: id,
  env: [{ name: 'SO_TOKEN', type: 'str', value: `t-${id}` }],
});

/** hook → condition(title contains "launch") → switch on category (news | otherwise). */
const triage = [
  tab('triage'),
  node('triage', 'hook', 'webhook-in', ['out'], { preset: 'generic' }, [['cond']]),
  node(
    'triage',
    'cond',
    'condition',
    ['true', 'false'],
    { rules: { all: [{ fact: 'title', operator: 'containsWord', value: 'launch' }] } },
    [['sw'], []],
  ),
  node(
    'triage',
    'sw',
    'switch',
    ['news', 'otherwise'],
    { field: 'category', cases: [{ port: 'news', equals: 'news' }] },
    [[], []],
  ),
];

/** A runaway: a zero-minute delay feeding itself through a condition that is always true. */
const runaway = [
  tab('loop'),
  node('loop', 'hook', 'webhook-in', ['out'], {}, [['wait']]),
  node('loop', 'wait', 'delay', ['out'], { mode: 'for', minutes: 0 }, [['again']]),
  node(
    'loop',
    'again',
    'condition',
    ['true', 'false'],
    { rules: { not: { fact: 'x', operator: 'equal', value: 1 } } },
    [['wait'], []],
  ),
];

/** No loop, yet it multiplies: each level sends every message on to both nodes of the next. */
const LEVELS = 7;
const always = { rules: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: 0 }] } };
const level = (i: number) => (i < LEVELS ? [`a${i + 1}`, `b${i + 1}`] : []);
const fanOut = [
  tab('fan'),
  node('fan', 'hook', 'webhook-in', ['out'], {}, [level(0)]),
  ...[...Array(LEVELS).keys()].flatMap((i) =>
    ['a', 'b'].map((side) =>
      node('fan', `${side}${i + 1}`, 'condition', ['true', 'false'], always, [level(i + 1), []]),
    ),
  ),
];

/** A busy but harmless flow, for the flood guard. */
const busy = [
  tab('busy'),
  node('busy', 'hook', 'webhook-in', ['out'], {}, [['check']]),
  node(
    'busy',
    'check',
    'condition',
    ['true', 'false'],
    { rules: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: 0 }] } },
    [[], []],
  ),
];

/** hook → create-draft: an action the backend does (here, the spec answering on the supervisor). */
const drafts = [
  tab('drafts'),
  node('drafts', 'hook', 'webhook-in', ['out'], {}, [['draft']]),
  node('drafts', 'draft', 'create-draft', ['out'], { text: 'New: {{title}}', accountIds: ['*'] }, [[]]),
];

/**
 * Text that looks like Node-RED's environment references (`${NAME}`, `$(NAME)`): Node-RED fills a
 * node's config string that is exactly one of these from the tab's env or the process's.
 */
const literal = [
  tab('literal'),
  node('literal', 'hook', 'webhook-in', ['out'], {}, [['draft']]),
  node('literal', 'draft', 'create-draft', ['out'], { text: '${SO_TOKEN}', accountIds: ['*'] }, [['mail']]),
  node(
    'literal',
    'mail',
    'send-email',
    ['out'],
    { to: '${PATH}', subject: '$(SO_TOKEN)', body: '${SO_TOKEN} ${PATH}', extra: ['${HOME}', { deep: '${PATH}' }] },
    [[]],
  ),
];

describe('runs in the flow runtime', () => {
  let runtime: FlowRuntimeSupervisor;
  const steps: StepRecord[] = [];
  const settled = new Map<string, RunSettledMessage>();
  const actions: ActionCall[] = [];
  const run = (flow: string, runId: string, payload: Record<string, unknown>) =>
    runtime.trigger(`${flow}:hook`, { payload, _so: { runId, hops: 0 } });

  beforeAll(async () => {
    runtime = new FlowRuntimeSupervisor({
      hostScript: HOST,
      env: {
        FLOW_RUNTIME_DIR: tempDir('runs'),
        LOG_LEVEL: 'warn',
        FLOW_MAX_HOPS: '50',
        FLOW_MAX_STEPS: '100',
        FLOW_MESSAGES_PER_SECOND: '200',
      },
    });
    runtime.on('steps', (batch) => steps.push(...batch));
    runtime.on('run-settled', (message) => settled.set(message.runId, message));
    runtime.on('action', (call, reply) => {
      actions.push(call);
      reply(
        call.payload.refuse
          ? { refused: 'accountIds: no active account a9' }
          : { response: { payload: { postId: 'p1' } } },
      );
    });
    await runtime.start();
    await runtime.deploy([...triage, ...runaway, ...busy, ...drafts, ...literal, ...fanOut]);
  });
  afterAll(() => runtime?.stop());

  it('records every step of a run with its input, port and output, then reports it settled', async () => {
    expect(run('triage', 'r1', { title: 'Launch day', category: 'news' })).toBe(true);
    await until(() => settled.has('r1'), 5000, 'run r1 settled');
    expect(settled.get('r1')).toEqual({ type: 'run-settled', runId: 'r1', error: null, stopped: null });
    const mine = steps.filter((s) => s.runId === 'r1');
    expect(mine.map((s) => [s.nodeId, s.nodeType, s.port])).toEqual([
      ['hook', 'webhook-in', 'out'],
      ['cond', 'condition', 'true'],
      ['sw', 'switch', 'news'],
    ]);
    expect(mine[1].input).toEqual({ title: 'Launch day', category: 'news' });
    expect(mine.every((s) => s.durationMs >= 0 && s.error === null)).toBe(true);
  });

  it('follows the false branch to its dead end', async () => {
    run('triage', 'r2', { title: 'Relaunched' });
    await until(() => settled.has('r2'), 5000, 'run r2 settled');
    expect(steps.filter((s) => s.runId === 'r2').map((s) => s.port)).toEqual(['out', 'false']);
  });

  it('stops a runaway loop by its hop count while another workspace runs on', async () => {
    run('loop', 'spin', { x: 0 });
    run('triage', 'r3', { title: 'launch', category: 'other' });
    await until(() => settled.has('spin') && settled.has('r3'), 10_000, 'both runs settled');
    expect(settled.get('spin')!.stopped).toBe('loop guard: a message passed more than 50 nodes');
    expect(settled.get('r3')).toMatchObject({ error: null, stopped: null });
    expect(steps.filter((s) => s.runId === 'r3').map((s) => s.port)).toEqual(['out', 'true', 'otherwise']);
  });

  it('ends ten events through a zero-delay loop with a bounded number of steps', async () => {
    const ids = [...Array(10).keys()].map((n) => `spin-${n}`);
    for (const id of ids) run('loop', id, { x: 0 });
    await until(() => ids.every((id) => settled.has(id)), 10_000, 'the ten runs settled');
    // Each is stopped by a guard: its hops, or (ten spinning at once) the workspace's message rate.
    for (const id of ids) expect(settled.get(id)!.stopped).toMatch(/^(loop guard|flood guard)/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const recorded = steps.filter((s) => ids.includes(s.runId));
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThanOrEqual(10 * 50);
  });

  it('stops a run that takes more steps than allowed, though no message passes many nodes', async () => {
    run('fan', 'fan-1', { n: 1 });
    await until(() => settled.has('fan-1'), 10_000, 'run fan-1 settled');
    expect(settled.get('fan-1')!.stopped).toBe('step guard: the run took more than 100 steps');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Unchecked, this graph takes 2 + 4 + … + 128 = 254 steps for one event.
    expect(steps.filter((s) => s.runId === 'fan-1')).toHaveLength(100);
  });

  it('counts the steps a run took before it waited', async () => {
    runtime.trigger('triage:hook', { payload: { title: 'launch' }, _so: { runId: 'resumed', hops: 0, steps: 99 } });
    await until(() => settled.has('resumed'), 5000, 'run resumed settled');
    expect(settled.get('resumed')!.stopped).toBe('step guard: the run took more than 100 steps');
    expect(steps.filter((s) => s.runId === 'resumed').map((s) => s.nodeId)).toEqual(['hook']);
  });

  it('stops the runs of a workspace that floods, while another workspace runs on', async () => {
    for (let n = 0; n < 300; n++) run('busy', `flood-${n}`, { n });
    run('triage', 'calm', { title: 'launch', category: 'news' });
    await until(
      () => settled.has('calm') && [...Array(300).keys()].every((n) => settled.has(`flood-${n}`)),
      10_000,
      'all runs settled',
    );
    const flooded = [...Array(300).keys()].map((n) => settled.get(`flood-${n}`)!);
    expect(flooded.filter((s) => s.stopped?.startsWith('flood guard')).length).toBeGreaterThan(0);
    expect(settled.get('calm')).toMatchObject({ error: null, stopped: null });
    // The guard is a rate, not a ban: once the second has passed, the workspace runs again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    run('busy', 'after-flood', { n: 1 });
    await until(() => settled.has('after-flood'), 5000, 'run after the flood settled');
    expect(settled.get('after-flood')).toMatchObject({ error: null, stopped: null });
  });

  it("carries an action to the backend over IPC with its tab's token, and sends on the answer", async () => {
    run('drafts', 'd1', { title: 'Autumn menu' });
    await until(() => settled.has('d1'), 5000, 'run d1 settled');
    expect(actions).toEqual([
      {
        type: 'create-draft',
        token: 't-drafts',
        runId: 'd1',
        nodeId: 'draft',
        config: { text: 'New: Autumn menu', accountIds: ['*'] },
        payload: { title: 'Autumn menu' },
      },
    ]);
    expect(settled.get('d1')).toMatchObject({ error: null, stopped: null });
    const draft = steps.find((s) => s.runId === 'd1' && s.nodeId === 'draft');
    expect(draft).toMatchObject({ port: 'out', output: { postId: 'p1' }, error: null });
  });

  it('fails the run with the reason the backend refused an action for', async () => {
    run('drafts', 'd2', { title: 'x', refuse: true });
    await until(() => settled.has('d2'), 5000, 'run d2 settled');
    expect(settled.get('d2')!.error).toContain('accountIds: no active account a9');
  });

  it('refuses a deployment naming a type that is not on the palette, keeping the flows that run', async () => {
    const bad = {
      id: 'x:fn',
      type: 'function',
      z: 'triage',
      wires: [],
      so: encodeCompiledNode({ nodeId: 'fn', type: 'function', ports: [], config: {}, workspaceId: 'w' }),
    };
    await expect(runtime.deploy([...triage, ...busy, bad])).rejects.toThrow(
      'node fn of flow triage: type function is not on',
    );
    run('triage', 'r4', { title: 'launch', category: 'news' });
    await until(() => settled.has('r4'), 5000, 'run r4 settled');
    expect(settled.get('r4')!.error).toBeNull();
  });

  it('reports a run whose trigger node is not deployed as settled with the reason', async () => {
    runtime.trigger('nowhere:hook', { payload: {}, _so: { runId: 'lost', hops: 0 } });
    await until(() => settled.has('lost'), 5000, 'run lost settled');
    expect(settled.get('lost')!.error).toBe('node nowhere:hook is not deployed');
  });

  it("passes user text that looks like an environment reference to the backend as typed, never the runtime's values", async () => {
    run('literal', 'lit', { title: 'x' });
    await until(() => settled.has('lit'), 5000, 'run lit settled');
    expect(settled.get('lit')).toMatchObject({ error: null, stopped: null });
    const calls = actions.filter((call) => call.runId === 'lit');
    expect(calls.map((call) => [call.type, call.config])).toEqual([
      ['create-draft', { text: '${SO_TOKEN}', accountIds: ['*'] }],
      [
        'send-email',
        {
          to: '${PATH}',
          subject: '$(SO_TOKEN)',
          body: '${SO_TOKEN} ${PATH}',
          extra: ['${HOME}', { deep: '${PATH}' }],
        },
      ],
    ]);
    // The token travels beside the config, where the node reads it on purpose.
    expect(calls.every((call) => call.token === 't-literal')).toBe(true);
  });
});
