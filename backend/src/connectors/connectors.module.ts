import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Connector, OAuthProvider } from './connector';
import type { NetworkId } from './network-limits';
import { SandboxConnector } from './sandbox/sandbox.connector';

export const CONNECTORS = Symbol('CONNECTORS');
export const OAUTH_PROVIDERS = Symbol('OAUTH_PROVIDERS');

export type ConnectorMap = Partial<Record<NetworkId, Connector>>;

/** Connectors for every network the server can publish to; real networks need their app credentials. */
export function createConnectors(dataSource: DataSource, _config: AppConfig): ConnectorMap {
  return { sandbox: new SandboxConnector(dataSource) };
}

export function createOAuthProviders(_config: AppConfig): Partial<Record<NetworkId, OAuthProvider>> {
  return {};
}

@Global()
@Module({
  providers: [
    { provide: CONNECTORS, inject: [DataSource, APP_CONFIG], useFactory: createConnectors },
    { provide: OAUTH_PROVIDERS, inject: [APP_CONFIG], useFactory: createOAuthProviders },
  ],
  exports: [CONNECTORS, OAUTH_PROVIDERS],
})
export class ConnectorsModule {}
