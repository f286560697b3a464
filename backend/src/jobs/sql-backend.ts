import type { AgendaBackend } from 'agenda';
import { DataSource } from 'typeorm';
import { SqlJobRepository } from './sql-job-repository';

/**
 * Agenda's backend on the project's SQL database. Storage only: without a notification channel
 * Agenda polls (`processEvery`), which every database we support can serve.
 */
export class SqlBackend implements AgendaBackend {
  readonly name = 'SQL (TypeORM)';
  readonly repository: SqlJobRepository;
  /** The DataSource belongs to the app: `agenda.stop()` must not close it. */
  readonly ownsConnection = false;

  constructor(dataSource: DataSource) {
    this.repository = new SqlJobRepository(dataSource);
  }

  connect(): Promise<void> {
    return this.repository.connect();
  }

  async disconnect(): Promise<void> {}
}
