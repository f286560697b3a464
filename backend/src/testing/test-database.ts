import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';
import { dataSourceOptions } from '../database/data-source-options';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Every integration suite runs on both: SQLite (embedded default) and a real PostgreSQL server. */
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or a new PostgreSQL database on the test server. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-test-'));
  if (kind === 'sqlite') {
    return {
      url: `sqlite:${join(dataDir, 'test.db')}`,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `so_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdmin(run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

export interface MigratedDatabase {
  database: TestDatabase;
  dataSource: DataSource;
}

/**
 * A fresh, migrated database with a data source on it for the calling suite: set up before its
 * tests, destroyed and dropped after them. Its fields are there once the suite's tests run.
 */
export function migratedDatabase(kind: DatabaseKind): MigratedDatabase {
  const migrated = {} as MigratedDatabase;
  beforeAll(async () => {
    migrated.database = await createTestDatabase(kind);
    migrated.dataSource = await new DataSource(dataSourceOptions(migrated.database.url)).initialize();
    await migrated.dataSource.runMigrations();
  });
  afterAll(async () => {
    await migrated.dataSource?.destroy();
    await migrated.database?.drop();
  });
  return migrated;
}
