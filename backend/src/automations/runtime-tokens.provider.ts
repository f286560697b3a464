import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RuntimeTokens } from './runtime-token';

export const RUNTIME_TOKENS = Symbol('RUNTIME_TOKENS');

export const runtimeTokensProvider = {
  provide: RUNTIME_TOKENS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new RuntimeTokens(config.jwtSecret),
};
