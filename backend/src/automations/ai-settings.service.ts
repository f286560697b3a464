import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SECRET_BOX } from '../accounts/secret-box.provider';
import { SecretBox } from '../common/secret-box';
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
  ) {}

  async view(workspaceId: string): Promise<AiSettingsView> {
    const row = await this.settings.findOneBy({ workspaceId });
    return { baseUrl: row?.baseUrl ?? null, model: row?.model ?? null, hasKey: Boolean(row) };
  }

  async save(workspaceId: string, input: { baseUrl: string; model: string; apiKey: string }): Promise<AiSettingsView> {
    await this.settings.upsert(
      { workspaceId, baseUrl: input.baseUrl, model: input.model, apiKeySealed: this.secrets.seal(input.apiKey) },
      ['workspaceId'],
    );
    return this.view(workspaceId);
  }

  async clear(workspaceId: string): Promise<void> {
    await this.settings.delete({ workspaceId });
  }

  async endpoint(workspaceId: string): Promise<AiEndpoint | null> {
    const row = await this.settings.findOneBy({ workspaceId });
    return row ? { baseUrl: row.baseUrl, model: row.model, apiKey: this.secrets.open(row.apiKeySealed) } : null;
  }
}
