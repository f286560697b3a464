import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token for links and keys (256 bits by default). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens with this much entropy need no slow hash; sha256 lets us look them up by value. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
