import { describe, expect, it } from 'vitest';
import { countGraphemes } from './network-limits';

describe('countGraphemes', () => {
  it('counts plain text by its characters', () => {
    expect(countGraphemes('Launch day #42\n\tsee https://example.com')).toBe(39);
    expect(countGraphemes('')).toBe(0);
  });

  it('counts what a reader sees as one character once: emoji sequences, accents, CR LF', () => {
    expect(countGraphemes('👨‍👩‍👧‍👦')).toBe(1);
    expect(countGraphemes('🇳🇿 ok')).toBe(4);
    expect(countGraphemes('cafe\u0301')).toBe(4);
    expect(countGraphemes('a\r\nb')).toBe(3);
  });
});
