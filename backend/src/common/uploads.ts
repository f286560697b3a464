import { MulterModule } from '@nestjs/platform-express';
import { tmpdir } from 'node:os';
import { diskStorage } from 'multer';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Multipart uploads for a module's `FileInterceptor('file')`: streamed to a temporary file (never
 * held in memory) and refused beyond the limit with 413. The handler moves the file to storage
 * and removes the temporary copy.
 */
export const uploadsModule = (maxBytes: (config: AppConfig) => number) =>
  MulterModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      storage: diskStorage({ destination: tmpdir() }),
      limits: { fileSize: maxBytes(config), files: 1, fields: 10 },
    }),
  });
