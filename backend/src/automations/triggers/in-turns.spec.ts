import { describe, expect, it } from 'vitest';
import { checkDelayMs } from './feed-health';
import { inTurns, roundRobin } from './in-turns';

describe('taking work in turns', () => {
  const ws = (item: string) => item[0];

  it('interleaves groups one item at a time, each in its own order', () => {
    expect(roundRobin(['a1', 'a2', 'a3', 'b1', 'c1', 'c2'], ws)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    expect(roundRobin([], ws)).toEqual([]);
  });

  it('runs at most `limit` tasks at once and every task once', async () => {
    let running = 0;
    let most = 0;
    const done: string[] = [];
    await inTurns(['a1', 'a2', 'a3', 'a4', 'b1'], ws, 2, async (item) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      done.push(item);
    });
    expect(most).toBe(2);
    expect(done.sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
  });
});

describe('when a feed is checked next', () => {
  const minutes = (n: number) => n * 60_000;

  it('after its interval when read; doubling per failure, up to six hours but never below the interval', () => {
    expect(checkDelayMs(minutes(15), 0)).toBe(minutes(15));
    expect([1, 2, 3, 4, 5, 6].map((f) => checkDelayMs(minutes(15), f) / 60_000)).toEqual([15, 30, 60, 120, 240, 360]);
    expect(checkDelayMs(minutes(15), 40)).toBe(minutes(360));
    expect(checkDelayMs(minutes(1440), 3)).toBe(minutes(1440));
  });
});
