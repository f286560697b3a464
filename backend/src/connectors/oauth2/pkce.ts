import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 verifier: 32 random bytes as base64url give 43 characters, the minimum length allowed. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 challenge the authorize URL carries; the token endpoint later checks the verifier against it. */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
