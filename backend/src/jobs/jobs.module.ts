import { Module } from '@nestjs/common';
import { Agenda, AgendaOptions } from 'agenda';
import { DataSource } from 'typeorm';
import { SqlBackend } from './sql-backend';

/** Injection token of the app's Agenda instance. */
export const AGENDA = Symbol('AGENDA');

/**
 * An Agenda on our SQL backend, not started: whoever runs jobs defines them, then calls
 * `start()` (and `stop()` at shutdown). Without a notification channel Agenda polls every
 * `processEvery`.
 */
export function createAgenda(dataSource: DataSource, options: Omit<AgendaOptions, 'backend'> = {}): Agenda {
  return new Agenda({ processEvery: '5 seconds', ...options, backend: new SqlBackend(dataSource) });
}

@Module({
  providers: [
    { provide: AGENDA, inject: [DataSource], useFactory: (dataSource: DataSource) => createAgenda(dataSource) },
  ],
  exports: [AGENDA],
})
export class JobsModule {}
