import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { insertRows } from './insert-rows';
import { WalCheckpoints } from './wal-checkpoints';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { migratedDatabase } from '../testing/test-database';

describe('WAL checkpoints on SQLite', () => {
  const migrated = migratedDatabase('sqlite');
  const file = () => migrated.database.url.slice('sqlite:'.length);

  const until = async (check: () => boolean, ms: number) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      if (check()) return true;
    }
    return check();
  };

  it('leaves checkpoints to the worker thread: written pages reach the database file without a commit doing it', async () => {
    const checkpoints = new WalCheckpoints(migrated.dataSource);
    await migrated.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = statSync(file()).size;
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: `p${i}`,
      accountExternalId: 'acct',
      idempotencyKey: `k${i}`,
      postType: 'text',
      text: 'x'.repeat(1000),
      link: null,
      media: [],
      deletedAt: null,
    }));
    await insertRows(migrated.dataSource.manager, SandboxPost, rows);
    // Under the fallback threshold the writing connection keeps the pages in the WAL.
    expect(statSync(file()).size).toBe(before);
    expect(statSync(`${file()}-wal`).size).toBeGreaterThan(300_000);

    checkpoints.onApplicationBootstrap();
    try {
      expect(await until(() => statSync(file()).size > before + 300_000, 5_000)).toBe(true);
    } finally {
      await checkpoints.onApplicationShutdown();
    }
    expect(await migrated.dataSource.getRepository(SandboxPost).count()).toBe(300);
  });

  it('keeps the process alive while shutdown waits for the worker thread (a top-level await used to exit 13)', () => {
    const compiled = join(__dirname, '..', '..', 'dist', 'database', 'wal-checkpoints.js');
    expect(existsSync(compiled), `${compiled} is missing: npm run build -w backend`).toBe(true);
    // The process's own event loop is the subject, so the shutdown runs in a fresh Node process
    // with nothing else alive: only the worker thread can keep it running until "shut down" prints.
    const script = `
      import { createRequire } from 'node:module';
      const { WalCheckpoints } = createRequire(import.meta.url)(${JSON.stringify(compiled)});
      const checkpoints = new WalCheckpoints({ options: { type: 'better-sqlite3', database: ${JSON.stringify(file())} } });
      checkpoints.onApplicationBootstrap();
      await checkpoints.onApplicationShutdown();
      console.log('shut down');
    `;
    const module = join(dirname(file()), 'shutdown.mjs');
    writeFileSync(module, script);
    const child = spawnSync(process.execPath, [module], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect({ status: child.status, stdout: child.stdout.trim(), stderr: child.stderr }).toEqual({
      status: 0,
      stdout: 'shut down',
      stderr: '',
    });
  });

  it('does nothing for a database that is not an SQLite file', async () => {
    const memory = await new DataSource(dataSourceOptions('sqlite::memory:')).initialize();
    const checkpoints = new WalCheckpoints(memory);
    checkpoints.onApplicationBootstrap();
    await expect(checkpoints.onApplicationShutdown()).resolves.toBeUndefined();
    await memory.destroy();
  });
});
