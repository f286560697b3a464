import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SecretBox } from '../common/secret-box';

export const SECRET_BOX = Symbol('SECRET_BOX');

/** The one SecretBox, keyed by ENCRYPTION_KEY (validated at start-up). */
export const secretBoxProvider: Provider = {
  provide: SECRET_BOX,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new SecretBox(config.encryptionKey),
};
