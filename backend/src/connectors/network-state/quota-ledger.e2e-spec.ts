import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS, migratedDatabase } from '../../testing/test-database';
import { QuotaLedger } from './quota-ledger';
import { UploadSessions } from './upload-sessions';

const DAY = '2026-12-03';

describe.each(DATABASE_KINDS)('network state on %s', (kind) => {
  const db = migratedDatabase(kind);

  it('spends units per account and refuses a spend the day total has no room for', async () => {
    const ledger = new QuotaLedger(db.dataSource, { network: 'youtube', unitsPerDay: 5000, dayOf: () => DAY });

    expect(await ledger.spend('UC-a', 1600)).toBe(true);
    expect(await ledger.spend('UC-b', 1600)).toBe(true);
    expect(await ledger.spend('UC-a', 1600)).toBe(true);
    // 4,800 spent over both channels: the app's quota is shared.
    expect(await ledger.spend('UC-b', 1600)).toBe(false);
    expect(await ledger.spend('UC-b', 200)).toBe(true);
    expect(await ledger.used()).toBe(5000);

    const tomorrow = new QuotaLedger(db.dataSource, {
      network: 'youtube',
      unitsPerDay: 5000,
      dayOf: () => '2026-12-04',
    });
    expect(await tomorrow.spend('UC-a', 1600)).toBe(true);
  });

  it('counts concurrent spends once each and never past the quota', async () => {
    const ledger = new QuotaLedger(db.dataSource, { network: 'tiktok', unitsPerDay: 10, dayOf: () => DAY });
    const results = await Promise.all(Array.from({ length: 8 }, () => ledger.spend('open-1', 3)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await ledger.used()).toBe(9);
    await ledger.exhaust('open-1');
    expect(await ledger.used()).toBe(10);
  });

  it('keeps one upload per key: a second start for the same key gets the first', async () => {
    const sessions = new UploadSessions(db.dataSource, 'youtube');
    const first = await sessions.start('job-1', 'UC-a', 'https://upload.example/session-1');
    const second = await sessions.start('job-1', 'UC-a', 'https://upload.example/session-2');
    expect(second.sessionRef).toBe(first.sessionRef);
    await sessions.published('job-1', 'video-1');
    expect(await sessions.find('job-1')).toMatchObject({ state: 'published', externalId: 'video-1' });
    // Another network's key space is its own.
    expect(await new UploadSessions(db.dataSource, 'tiktok').find('job-1')).toBeNull();
    await sessions.forget('job-1');
    expect(await sessions.find('job-1')).toBeNull();
  });
});
