import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SECRET_BOX } from '../accounts/secret-box.provider';
import { CommonError } from '../common/common.errors';
import { PrivateUrlError, publicUrl } from '../common/public-url';
import { SecretBox } from '../common/secret-box';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { AiEndpoint } from './actions/caption-writer';
import { AiSettings } from './ai-settings.entity';

export interface AiSettingsView {
  baseUrl: string | null;
  model: string | null;
  /** The key is never shown again once saved. */
  hasKey: boolean;
}

/** The workspace's AI endpoint for captions; without one, captions are written offline. */
@Injectable()
export class AiSettingsService {
  constructor(
    @InjectRepository(AiSettings) private readonly settings: Repository<AiSettings>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(workspaceId: string): Promise<AiSettingsView> {
    const row = await this.settings.findOneBy({ workspaceId });
    return { baseUrl: row?.baseUrl ?? null, model: row?.model ?? null, hasKey: Boolean(row) };
  }

  async save(workspaceId: string, input: { baseUrl: string; model: string; apiKey: string }): Promise<AiSettingsView> {
    await this.checkAddress(input.baseUrl);
    await this.settings.upsert(
      { workspaceId, baseUrl: input.baseUrl, model: input.model, apiKeySealed: this.secrets.seal(input.apiKey) },
      ['workspaceId'],
    );
    return this.view(workspaceId);
  }

  /**
   * The server POSTs to this address on the tenant's behalf: one on our own network is refused
   * now, and again on each connection (the name may resolve elsewhere later).
   */
  private async checkAddress(baseUrl: string): Promise<void> {
    try {
      await publicUrl(baseUrl, { allowPrivate: this.config.allowPrivateUrls });
    } catch (error) {
      if (!(error instanceof PrivateUrlError)) throw error;
      throw new CommonError('VALIDATION', `baseUrl: ${error.message}`, [{ field: 'baseUrl', message: error.message }]);
    }
  }

  async clear(workspaceId: string): Promise<void> {
    await this.settings.delete({ workspaceId });
  }

  async endpoint(workspaceId: string): Promise<AiEndpoint | null> {
    const row = await this.settings.findOneBy({ workspaceId });
    return row ? { baseUrl: row.baseUrl, model: row.model, apiKey: this.secrets.open(row.apiKeySealed) } : null;
  }
}
