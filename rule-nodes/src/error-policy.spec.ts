import { describe, expect, it } from 'vitest';
import { outputPorts } from './catalog';
import { errorHandlerProblems, errorPolicyProblems, retriesOf, retryWaitMs } from './error-policy';
import { validateConfig } from './validate';

describe('a step’s error policy', () => {
  it('accepts stop, continue and retry within bounds', () => {
    expect(errorPolicyProblems(undefined, false)).toEqual([]);
    expect(errorPolicyProblems({ mode: 'stop' }, false)).toEqual([]);
    expect(errorPolicyProblems({ mode: 'continue' }, false)).toEqual([]);
    expect(errorPolicyProblems({ mode: 'retry', retries: 5, delaySeconds: 60 }, false)).toEqual([]);
  });

  it('names the field of each bad value', () => {
    expect(errorPolicyProblems({ mode: 'retry', retries: 6, delaySeconds: 0.5 }, false)).toEqual([
      { field: 'retries', message: 'Retries must be a whole number from 1 to 5' },
      { field: 'delaySeconds', message: 'Wait before the first retry (seconds) must be a whole number from 1 to 60' },
    ]);
    expect(errorPolicyProblems({ mode: 'ignore' }, false)).toEqual([
      { field: 'mode', message: 'On error must be one of stop, continue, retry' },
    ]);
    expect(errorPolicyProblems({ mode: 'continue', retries: 2, colour: 'red' }, false).map((p) => p.field)).toEqual([
      'colour',
      'retries',
    ]);
    expect(errorPolicyProblems({ mode: 'continue' }, true)[0].field).toBe('onError');
  });

  it('doubles the wait before each retry, up to two minutes', () => {
    const policy = { mode: 'retry' as const, retries: 5, delaySeconds: 40 };
    expect([1, 2, 3, 4].map((n) => retryWaitMs(policy, n))).toEqual([40_000, 80_000, 120_000, 120_000]);
    expect(retriesOf(policy)).toBe(5);
    expect(retriesOf({ mode: 'retry' })).toBe(3);
    expect(retriesOf({ mode: 'continue' })).toBe(0);
  });

  it('gives a step that continues an error port, last, and keeps that name from switch cases', () => {
    expect(outputPorts('create-draft', {}, { mode: 'continue' })).toEqual(['out', 'error']);
    expect(outputPorts('create-draft', {}, { mode: 'retry' })).toEqual(['out']);
    expect(outputPorts('switch', { cases: [{ port: 'news', equals: 'n' }] }, { mode: 'continue' })).toEqual([
      'news',
      'otherwise',
      'error',
    ]);
    expect(validateConfig('switch', { field: 'x', cases: [{ port: 'error', equals: 'e' }] })[0].message).toContain(
      'port error is kept',
    );
  });
});

describe('an automation’s error handler', () => {
  it('is notify with roles or automation with an id', () => {
    expect(errorHandlerProblems({ kind: 'notify', roles: ['owner', 'editor'] })).toEqual([]);
    expect(errorHandlerProblems({ kind: 'automation', automationId: 'a1' })).toEqual([]);
    expect(errorHandlerProblems({ kind: 'notify', roles: [] })[0].field).toBe('roles');
    expect(errorHandlerProblems({ kind: 'automation' })[0].field).toBe('automationId');
    expect(errorHandlerProblems({ kind: 'email' })[0].field).toBe('kind');
  });
});
