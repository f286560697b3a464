import { describe, expect, it } from 'vitest';
import { derivedMetrics, engagementOf, METRIC_FORMULAS, percent, sumOfProvided } from './derived-metrics';

const counts = {
  impressions: 2000,
  reach: 1000,
  clicks: 10,
  reactions: 30,
  comments: 5,
  shares: 5,
  saves: 50,
};

describe('derived metrics', () => {
  it('engagement is reactions + comments + shares + clicks, saves only where the network counts them', () => {
    expect(engagementOf('facebook', counts)).toBe(50);
    expect(engagementOf('instagram', counts)).toBe(100);
  });

  it('engagement ignores parts the network does not provide, and is null when none is', () => {
    expect(engagementOf('x', { ...counts, clicks: null, shares: null })).toBe(35);
    const none = { impressions: 5, reach: 5, clicks: null, reactions: null, comments: null, shares: null, saves: 9 };
    expect(engagementOf('facebook', none)).toBeNull();
    expect(engagementOf('instagram', none)).toBe(9);
  });

  it('engagement rate divides by reach, or by impressions where reach is not provided, and says which', () => {
    expect(derivedMetrics('facebook', counts)).toEqual({
      engagement: 50,
      engagementRate: 5,
      rateBasis: 'reach',
      ctr: 0.5,
    });
    expect(derivedMetrics('x', { ...counts, reach: null })).toMatchObject({
      engagementRate: 2.5,
      rateBasis: 'impressions',
    });
  });

  it('rates are null, never 0 or infinite, when a part is missing or the basis is 0', () => {
    const noViews = { ...counts, reach: null, impressions: null };
    expect(derivedMetrics('x', noViews)).toEqual({ engagement: 50, engagementRate: null, rateBasis: null, ctr: null });
    expect(derivedMetrics('x', { ...counts, reach: 0, impressions: 0 })).toMatchObject({
      engagementRate: null,
      ctr: null,
    });
    expect(derivedMetrics('x', { ...counts, clicks: null })).toMatchObject({ ctr: null });
    expect(percent(1, null)).toBeNull();
  });

  it('sums only provided values', () => {
    expect(sumOfProvided([null, null])).toBeNull();
    expect(sumOfProvided([0, null])).toBe(0);
  });

  it('states each formula for the UI', () => {
    expect(Object.keys(METRIC_FORMULAS)).toEqual(['engagement', 'engagementRate', 'ctr']);
    expect(METRIC_FORMULAS.engagementRate).toContain('impressions');
  });
});
