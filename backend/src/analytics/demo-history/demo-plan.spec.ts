import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { hashtagsIn } from '../../hashtags/hashtag-text';
import { DEMO_DAYS, DEMO_KEY, demoPlan } from './demo-plan';

const NOW = new Date('2026-06-15T14:30:00Z');
const ZONE = 'Europe/Paris';

describe('demo plan', () => {
  const plan = demoPlan('account-1', NOW, ZONE, 3);

  it('is the same history every time, one key per post, all in the past 90 local days', () => {
    expect(demoPlan('account-1', NOW, ZONE, 3)).toEqual(plan);
    expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
    expect(plan.every((p) => p.key.startsWith(DEMO_KEY))).toBe(true);
    const first = DateTime.fromJSDate(NOW, { zone: ZONE }).startOf('day').minus({ days: DEMO_DAYS });
    expect(plan.every((p) => p.publishedAt <= NOW && p.publishedAt >= first.toJSDate())).toBe(true);
    expect(demoPlan('account-2', NOW, ZONE, 3)).not.toEqual(plan);
  });

  it('varies what a team posts: hours, hashtags, media, links, labels and authors', () => {
    const hours = new Set(plan.map((p) => DateTime.fromJSDate(p.publishedAt, { zone: ZONE }).hour));
    expect(hours.size).toBeGreaterThan(10);
    const tagCounts = new Set(plan.map((p) => hashtagsIn(p.text).length));
    expect(Math.max(...tagCounts)).toBeLessThanOrEqual(6);
    expect(tagCounts.size).toBeGreaterThan(4);
    expect(new Set(plan.map((p) => p.postType))).toEqual(new Set(['status', 'link', 'photo', 'video']));
    expect(plan.filter((p) => p.postType === 'link').every((p) => p.link?.startsWith('https://'))).toBe(true);
    expect(plan.some((p) => p.labels.length)).toBe(true);
    expect(new Set(plan.map((p) => p.author))).toEqual(new Set([0, 1, 2]));
  });

  it('posts less at weekends', () => {
    const weekend = plan.filter((p) => DateTime.fromJSDate(p.publishedAt, { zone: ZONE }).weekday >= 6);
    // Two weekend days in seven, one or two posts each against two to four on weekdays.
    expect(weekend.length / plan.length).toBeLessThan(2 / 7);
    expect(plan.length).toBeGreaterThan(180);
  });
});
