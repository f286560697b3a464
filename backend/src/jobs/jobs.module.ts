import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agenda, AgendaOptions } from 'agenda';
import { DataSource } from 'typeorm';
import { AgendaJob } from './agenda-job.entity';
import { AGENDA, BackgroundJobs } from './background-jobs';
import { JobsController } from './jobs.controller';
import { SqlBackend } from './sql-backend';

/**
 * An Agenda on our SQL backend, not started: whoever runs jobs defines them, then calls
 * `start()` (and `stop()` at shutdown). Without a notification channel Agenda polls every
 * `processEvery` (2 s: an import starts within moments of its upload).
 */
export function createAgenda(dataSource: DataSource, options: Omit<AgendaOptions, 'backend'> = {}): Agenda {
  return new Agenda({ processEvery: '2 seconds', ...options, backend: new SqlBackend(dataSource) });
}

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AgendaJob])],
  controllers: [JobsController],
  providers: [
    { provide: AGENDA, inject: [DataSource], useFactory: (dataSource: DataSource) => createAgenda(dataSource) },
    BackgroundJobs,
  ],
  exports: [BackgroundJobs],
})
export class JobsModule {}
