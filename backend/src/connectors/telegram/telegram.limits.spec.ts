import { describe, expect, it } from 'vitest';
import { validateVariant } from '../variant-validation';
import { TELEGRAM_LIMITS } from './telegram.limits';

const image = { kind: 'image' as const, mimeType: 'image/jpeg', bytes: 1000, width: 800, height: 600 };

describe('Telegram limits', () => {
  it('takes 4,096 characters in a message but 1,024 in a caption', () => {
    expect(validateVariant(TELEGRAM_LIMITS, { text: 'a'.repeat(4096), postType: 'status', media: [] })).toEqual([]);
    expect(validateVariant(TELEGRAM_LIMITS, { text: 'a'.repeat(1025), postType: 'photo', media: [image] })).toEqual([
      { field: 'text', message: 'is 1025 characters; Telegram allows 1024 in photo posts', limit: 1024 },
    ]);
  });

  it('counts UTF-16 units, as Telegram does', () => {
    expect(TELEGRAM_LIMITS.countText('👍')).toBe(2);
  });

  it('keeps a poll open without a duration, or closes it within 10 minutes', () => {
    const poll = { text: 'Tea or coffee?', postType: 'poll' as const, media: [] };
    expect(validateVariant(TELEGRAM_LIMITS, { ...poll, options: { pollOptions: ['Tea', 'Coffee'] } })).toEqual([]);
    const tooLong = validateVariant(TELEGRAM_LIMITS, {
      ...poll,
      options: { pollOptions: ['Tea', 'Coffee'], pollDurationMinutes: 60 },
    });
    expect(tooLong.map((v) => v.field)).toEqual(['options.pollDurationMinutes']);
  });

  it('refuses an album of one, and a silent flag that is not true or false', () => {
    expect(validateVariant(TELEGRAM_LIMITS, { text: '', postType: 'carousel', media: [image] })[0].field).toBe('media');
    expect(
      validateVariant(TELEGRAM_LIMITS, { text: 'Hi', postType: 'status', media: [], options: { silent: 'yes' } }),
    ).toEqual([{ field: 'options.silent', message: 'must be true or false' }]);
  });
});
