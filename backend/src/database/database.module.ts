import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';
import { WalCheckpoints } from './wal-checkpoints';

/**
 * The SQL connection, never synchronized. Only the API process runs migrations (at start, before
 * it serves); a worker waits for them (`waitForSchema`), so two processes never migrate at once.
 */
@Module({})
export class DatabaseModule {
  static forRoot({ runMigrations }: { runMigrations: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.databaseUrl),
            migrationsRun: runMigrations,
          }),
        }),
      ],
      providers: [WalCheckpoints],
    };
  }
}
