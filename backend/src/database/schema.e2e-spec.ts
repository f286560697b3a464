import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  const migrated = migratedDatabase(kind);

  it('leave no difference between the migrated schema and the entities', async () => {
    const pending = await migrated.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('apply every migration once and have nothing left to run', async () => {
    expect(await migrated.dataSource.showMigrations()).toBe(false);
    const applied = await migrated.dataSource.query('SELECT name FROM migrations');
    expect(applied.map((r: { name: string }) => r.name)).toEqual(migrated.dataSource.migrations.map((m) => m.name));
  });

  it('round-trip timestamps exactly whatever the process time zone', async () => {
    const at = new Date('2026-03-29T01:30:00.000Z');
    await migrated.dataSource
      .getRepository('User')
      .insert({ id: 'u1', email: 'tz@example.com', name: 'TZ', passwordHash: 'x' });
    await migrated.dataSource.getRepository('RefreshToken').insert({
      id: 'r1',
      userId: 'u1',
      familyId: 'f1',
      secretHash: 'h',
      expiresAt: at,
      revokedAt: null,
      replacedById: null,
    });
    const row = await migrated.dataSource.getRepository('RefreshToken').findOneByOrFail({ id: 'r1' });
    expect((row.expiresAt as Date).toISOString()).toBe(at.toISOString());
    // Database-side defaults (createdAt) are UTC too: within a minute of the real now.
    expect(Math.abs((row.createdAt as Date).getTime() - Date.now())).toBeLessThan(60_000);
  });
});
