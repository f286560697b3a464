import { DateTime, WeekdayNumbers } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PostMetrics } from '../connector';
import { SandboxMetricsInput, sandboxFollowers, sandboxMetrics } from './sandbox-metrics';

const ZONE = 'Europe/Paris';
const published = DateTime.fromISO('2026-05-05T10:00', { zone: ZONE }).toJSDate(); // a Tuesday, 10:00
const base: SandboxMetricsInput = {
  postId: 'post-1',
  publishedAt: published,
  now: new Date(published.getTime() + 7 * 86_400_000),
  timeZone: ZONE,
  hashtags: 2,
  mediaKind: 'image',
  followers: 2000,
};
const hoursLater = (hours: number) => new Date(published.getTime() + hours * 3600_000);

const engagement = (m: PostMetrics) => (m.reactions ?? 0) + (m.comments ?? 0) + (m.shares ?? 0) + (m.clicks ?? 0);
const rate = (m: PostMetrics) => (100 * engagement(m)) / (m.reach ?? 1);

/** Mean engagement rate of 200 posts that differ only by id (their luck) and `change`. */
function meanRate(change: Partial<SandboxMetricsInput>): number {
  let sum = 0;
  for (let i = 0; i < 200; i++) sum += rate(sandboxMetrics({ ...base, postId: `post-${i}`, ...change }));
  return sum / 200;
}

/** A moment `weekday` (1 = Monday) and `hour` local time, the week of `published`. */
const at = (weekday: WeekdayNumbers, hour: number) =>
  DateTime.fromJSDate(published, { zone: ZONE }).set({ weekday, hour }).toJSDate();

describe('Sandbox metrics', () => {
  it('are the same for the same post and moment, and differ between posts', () => {
    expect(sandboxMetrics(base)).toEqual(sandboxMetrics({ ...base }));
    expect(sandboxMetrics({ ...base, postId: 'post-2' })).not.toEqual(sandboxMetrics(base));
  });

  it('start at zero, grow fast in the first hours, then level off, and never go down', () => {
    const series = [0, 1, 2, 6, 12, 24, 48, 72, 168, 720, 2160].map((h) =>
      sandboxMetrics({ ...base, mediaKind: 'video', now: hoursLater(h) }),
    );
    expect(series[0]).toMatchObject({ impressions: 0, reach: 0, reactions: 0, clicks: 0 });
    const keys = ['impressions', 'reach', 'clicks', 'reactions', 'comments', 'shares', 'saves', 'videoViews'] as const;
    for (let i = 1; i < series.length; i++)
      for (const key of keys) expect(series[i][key]).toBeGreaterThanOrEqual(series[i - 1][key] ?? 0);
    const reach = series.map((m) => m.reach ?? 0);
    expect(reach[3] - reach[1]).toBeGreaterThan(reach[7] - reach[6]); // 1→6 h gains more than 48→72 h
    expect(reach[3]).toBeGreaterThan(reach[10] / 2); // most of it within six hours
  });

  it('keep reactions by type summing to reactions, engagement below reach below impressions', () => {
    const m = sandboxMetrics(base);
    expect(Object.values(m.reactionsByType ?? {}).reduce((a, b) => a + b, 0)).toBe(m.reactions);
    expect(m.reach).toBeLessThanOrEqual(m.impressions ?? 0);
    expect(engagement(m)).toBeLessThan(m.reach ?? 0);
  });

  it('give video views to videos only', () => {
    expect(sandboxMetrics({ ...base, mediaKind: 'video' }).videoViews).toBeGreaterThan(0);
    expect(sandboxMetrics({ ...base, mediaKind: 'image' }).videoViews).toBeNull();
  });

  it('engage best on Tuesday to Thursday mornings and evenings, worst at night and on weekends', () => {
    const tuesdayMorning = meanRate({ publishedAt: at(2, 10) });
    const thursdayEvening = meanRate({ publishedAt: at(4, 19) });
    const tuesdayAfternoon = meanRate({ publishedAt: at(2, 15) });
    const sundayMorning = meanRate({ publishedAt: at(7, 10) });
    const tuesdayNight = meanRate({ publishedAt: at(2, 3) });
    expect(tuesdayMorning).toBeGreaterThan(tuesdayAfternoon * 1.3);
    expect(thursdayEvening).toBeGreaterThan(tuesdayAfternoon * 1.2);
    expect(tuesdayMorning).toBeGreaterThan(sundayMorning * 1.5);
    expect(tuesdayAfternoon).toBeGreaterThan(tuesdayNight * 2);
  });

  it('read weekday and hour in the workspace zone', () => {
    // 08:00 UTC is 10:00 in Paris (good) and 04:00 in New York (night).
    const paris = meanRate({ publishedAt: at(2, 10), timeZone: 'Europe/Paris' });
    const newYork = meanRate({ publishedAt: at(2, 10), timeZone: 'America/New_York' });
    expect(paris).toBeGreaterThan(newYork * 2);
  });

  it('reward a few hashtags and punish many', () => {
    const none = meanRate({ hashtags: 0 });
    const three = meanRate({ hashtags: 3 });
    const twelve = meanRate({ hashtags: 12 });
    expect(three).toBeGreaterThan(none * 1.15);
    expect(twelve).toBeLessThan(none * 0.8);
  });

  it('engage video above image above text', () => {
    const video = meanRate({ mediaKind: 'video' });
    const image = meanRate({ mediaKind: 'image' });
    const text = meanRate({ mediaKind: null });
    expect(video).toBeGreaterThan(image * 1.1);
    expect(image).toBeGreaterThan(text * 1.1);
  });

  it('reach more people with more followers, at a lower rate per head', () => {
    const small = sandboxMetrics({ ...base, followers: 500 });
    const large = sandboxMetrics({ ...base, followers: 50_000 });
    expect(large.reach).toBeGreaterThan((small.reach ?? 0) * 10);
    expect(meanRate({ followers: 50_000 })).toBeLessThan(meanRate({ followers: 500 }));
  });
});

describe('Sandbox followers', () => {
  it('are deterministic per account and grow over months', () => {
    const jan = new Date('2026-01-10T00:00:00Z');
    const jun = new Date('2026-06-10T00:00:00Z');
    expect(sandboxFollowers('sandbox-a', jan)).toBe(sandboxFollowers('sandbox-a', jan));
    expect(sandboxFollowers('sandbox-a', jun)).toBeGreaterThan(sandboxFollowers('sandbox-a', jan));
    expect(sandboxFollowers('sandbox-a', jan)).not.toBe(sandboxFollowers('sandbox-b', jan));
    expect(sandboxFollowers('sandbox-a', jan)).toBeGreaterThan(500);
  });
});
