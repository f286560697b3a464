import { DataSource } from 'typeorm';

/** Resolves once every migration has been applied (by the API process); polls until `timeoutMs`. */
export async function waitForSchema(dataSource: DataSource, timeoutMs = 120_000, pollMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await dataSource.showMigrations().catch(() => true)) {
    if (Date.now() > deadline) throw new Error('the database schema is not migrated; start the API process first');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
