import { describe, expect, it } from 'vitest';
import { fitsQuota, quotaFor } from './quotas';

describe('network quotas', () => {
  const instagram = quotaFor('instagram', 'photo')!;
  const base = new Date('2026-05-01T00:00:00Z').getTime();
  const hours = (h: number) => new Date(base + h * 3600_000);

  it('counts every Instagram post and only Facebook Reels', () => {
    expect(instagram.max).toBe(50);
    expect(quotaFor('facebook', 'status')).toBeUndefined();
    expect(quotaFor('facebook', 'reel')?.max).toBe(30);
  });

  it('refuses the 51st post inside 24 hours and accepts it once the window has moved on', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => hours(i * 0.2));
    expect(fitsQuota(instagram, hours(12), fifty)).toBe(false);
    expect(fitsQuota(instagram, hours(24.5), fifty)).toBe(true);
  });

  it('refuses a post that would overfill a window ending after it', () => {
    const later = Array.from({ length: 50 }, (_, i) => hours(10 + i * 0.1));
    expect(fitsQuota(instagram, hours(0), later)).toBe(false);
    expect(fitsQuota(instagram, hours(-20), later)).toBe(true);
  });
});
