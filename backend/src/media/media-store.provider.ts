import type { Provider } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AzureBlobStore } from './storage/azure-blob-store';
import type { BlobStore } from './storage/blob-store';
import { LocalDirectoryStore } from './storage/local-directory-store';

export const MEDIA_STORE = Symbol('MEDIA_STORE');

/** Azure Blob Storage when configured, else a directory under DATA_DIR (embedded default). */
export const mediaStoreProvider: Provider = {
  provide: MEDIA_STORE,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<BlobStore> => {
    if (config.media.azureConnectionString) {
      const store = new AzureBlobStore(config.media.azureConnectionString, config.media.azureContainer);
      await store.init();
      return store;
    }
    return new LocalDirectoryStore(join(config.dataDir, 'media'), config.publicUrl, config.encryptionKey);
  },
};
