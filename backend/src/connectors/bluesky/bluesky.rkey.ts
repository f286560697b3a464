import { createHash } from 'node:crypto';

/** The base32-sortable alphabet TIDs are written in (atproto "tid" record keys). */
const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
/** 2023-01-01T00:00:00Z in microseconds: derived keys read as times after Bluesky opened. */
const EPOCH_US = 1_672_531_200_000_000n;

/** A TID as atproto writes it: 64 bits, top bit 0, 13 characters of the sortable alphabet. */
export function tidFromNumber(value: bigint): string {
  let rest = value & 0x7fff_ffff_ffff_ffffn;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = ALPHABET[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

export const isTid = (rkey: string): boolean => /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/.test(rkey);

/**
 * The record key of a post part, the same for every attempt of one publish job: Bluesky lets the
 * client choose it, so a retry after a crash finds the record an earlier attempt created instead
 * of posting twice. 55 bits of SHA-256 fill the time (45) and clock id (10) parts of a TID.
 */
export function postRecordKey(idempotencyKey: string, part: number): string {
  const digest = createHash('sha256').update(`${idempotencyKey}\u0000${part}`).digest();
  // 55 bits: 45 for the time part (2^45 µs ≈ 1.1 years from the epoch), 10 for the clock id.
  const hashed = digest.readBigUInt64BE(0) >> 9n;
  const micros = EPOCH_US + (hashed >> 10n);
  const clockId = hashed & 1023n;
  return tidFromNumber((micros << 10n) | clockId);
}
