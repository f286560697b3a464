import { describe, expect, it } from 'vitest';
import { localSlot } from '../local-time';
import { CellSums, heatmapOf, nextBestTime, slotsOf } from './best-time-stats';

const PARIS = 'Europe/Paris';

/** Sums posts into cells the way the rollup does: by their local weekday and hour. */
function cellsOf(posts: Array<{ at: string; engagement: number; reach: number }>, zone: string): CellSums[] {
  const cells = new Map<string, CellSums>();
  for (const post of posts) {
    const { weekday, hour } = localSlot(new Date(post.at), zone);
    const cell = cells.get(`${weekday}:${hour}`) ?? { weekday, hour, posts: 0, engagementSum: 0, basisSum: 0 };
    cell.posts += 1;
    cell.engagementSum += post.engagement;
    cell.basisSum += post.reach;
    cells.set(`${weekday}:${hour}`, cell);
  }
  return [...cells.values()];
}

describe('best-time statistics', () => {
  it('puts posts published at 09:00 local in one cell across the spring DST change (Paris, 28 March 2027)', () => {
    // Mondays at 09:00 in Paris: 08:00 UTC before the change, 07:00 UTC after it.
    const mondays = ['2027-03-15T08:00:00Z', '2027-03-22T08:00:00Z', '2027-03-29T07:00:00Z', '2027-04-05T07:00:00Z'];
    const posts = [
      ...mondays.map((at) => ({ at, engagement: 10, reach: 100 })),
      // Saturday 23:30 UTC before the change is Sunday 00:30 in Paris; after it, Sunday 01:30.
      { at: '2027-03-27T23:30:00Z', engagement: 1, reach: 100 },
      { at: '2027-04-03T23:30:00Z', engagement: 1, reach: 100 },
    ];
    const map = heatmapOf(cellsOf(posts, PARIS), 2);
    const cell = (weekday: number, hour: number) => map.cells.find((c) => c.weekday === weekday && c.hour === hour);
    expect(cell(1, 9)).toEqual({ weekday: 1, hour: 9, posts: 4, value: 10 });
    expect(cell(1, 8)?.posts).toBe(0);
    expect(cell(7, 0)).toEqual({ weekday: 7, hour: 0, posts: 1, value: null });
    expect(cell(7, 1)).toEqual({ weekday: 7, hour: 1, posts: 1, value: null });
    expect(map.cells).toHaveLength(168);
  });

  it('counts the repeated hour of the autumn change once per post (Paris, 25 October 2026)', () => {
    // 02:30 happens twice: 00:30 UTC (summer time) and 01:30 UTC (winter time); both are Sunday 02:00–03:00.
    const map = heatmapOf(
      cellsOf(
        [
          { at: '2026-10-25T00:30:00Z', engagement: 4, reach: 100 },
          { at: '2026-10-25T01:30:00Z', engagement: 6, reach: 100 },
        ],
        PARIS,
      ),
      2,
    );
    expect(map.cells.find((c) => c.weekday === 7 && c.hour === 2)).toEqual({ weekday: 7, hour: 2, posts: 2, value: 5 });
  });

  it('gives no value below minPosts and names no best time until enough hours have one', () => {
    const few = heatmapOf([{ weekday: 1, hour: 9, posts: 5, engagementSum: 50, basisSum: 1000 }]);
    expect(few.enoughData).toBe(false);
    expect(few.best).toEqual([]);
    expect(few.message).toContain('5 published posts, and 1 hour of the week with at least 3 posts');
    const enough = heatmapOf([
      { weekday: 1, hour: 9, posts: 3, engagementSum: 30, basisSum: 1000 },
      { weekday: 2, hour: 9, posts: 3, engagementSum: 60, basisSum: 1000 },
      { weekday: 3, hour: 9, posts: 3, engagementSum: 60, basisSum: 2000 },
      { weekday: 4, hour: 9, posts: 2, engagementSum: 900, basisSum: 1000 },
    ]);
    expect(enough).toMatchObject({ enoughData: true, message: null });
    expect(enough.best).toEqual([
      { weekday: 2, hour: 9 },
      { weekday: 1, hour: 9 },
      { weekday: 3, hour: 9 },
    ]);
    expect(slotsOf(enough.best)).toEqual([
      { weekday: 2, localTime: '09:00' },
      { weekday: 1, localTime: '09:00' },
      { weekday: 3, localTime: '09:00' },
    ]);
  });

  it('finds the next best time on the wall clock across DST changes', () => {
    const mondayNine = [{ weekday: 1, hour: 9 }];
    expect(nextBestTime(mondayNine, PARIS, new Date('2027-03-20T12:00:00Z'))?.toISOString()).toBe(
      '2027-03-22T08:00:00.000Z',
    );
    expect(nextBestTime(mondayNine, PARIS, new Date('2027-03-27T12:00:00Z'))?.toISOString()).toBe(
      '2027-03-29T07:00:00.000Z',
    );
    // Sunday 02:00 does not exist on 28 March 2027: the clocks jump to 03:00 (01:00 UTC).
    expect(nextBestTime([{ weekday: 7, hour: 2 }], PARIS, new Date('2027-03-27T12:00:00Z'))?.toISOString()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    // A time already taken moves to the next best one.
    const taken = new Set([new Date('2027-03-29T07:00:00Z').getTime()]);
    expect(nextBestTime(mondayNine, PARIS, new Date('2027-03-27T12:00:00Z'), taken)?.toISOString()).toBe(
      '2027-04-05T07:00:00.000Z',
    );
    expect(nextBestTime([], PARIS, new Date())).toBeNull();
  });
});
