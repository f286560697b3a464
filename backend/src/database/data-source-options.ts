import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaults as pgDefaults, types as pgTypes } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './entities';
import { FALLBACK_CHECKPOINT_PAGES } from './wal-checkpoints';

/** Builds TypeORM options from DATABASE_URL (sqlite:<path>, postgres://…, mssql://…). */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false } as const;
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      // Several connections (API + worker) share the file; wait for locks instead of failing.
      timeout: 10_000,
      // Prepared statements kept (TypeORM's cache is first in, first out: at its default of 100
      // the app's few hundred distinct statements pushed the hottest ones out to be re-prepared).
      statementCacheSize: 1000,
      // A worker thread checkpoints the WAL (WalCheckpoints); this connection only when that lags.
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
      },
    };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    usePgUtcTimestamps();
    return { ...common, type: 'postgres', url: databaseUrl, extra: { options: '-c timezone=UTC', max: 10 } };
  }
  if (databaseUrl.startsWith('mssql://')) {
    const url = new URL(databaseUrl);
    return {
      ...common,
      type: 'mssql',
      host: url.hostname,
      port: Number(url.port || 1433),
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.replace(/^\//, ''),
      options: {
        encrypt: url.searchParams.get('encrypt') !== 'false',
        trustServerCertificate: url.searchParams.get('trustServerCertificate') === 'true',
      },
    };
  }
  throw new Error(`DATABASE_URL: unsupported scheme in "${databaseUrl.split(':')[0]}:"`);
}

/**
 * Timestamps are `timestamp without time zone` (the portable `Date` type), and node-pg would write
 * and read them in the process's local zone. We write and parse them as UTC, and the session runs
 * in UTC so `now()` defaults agree: a value reads back as written whatever TZ the process has.
 */
function usePgUtcTimestamps(): void {
  const TIMESTAMP_OID = 1114;
  pgDefaults.parseInputDatesAsUTC = true;
  pgTypes.setTypeParser(TIMESTAMP_OID, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));
}
