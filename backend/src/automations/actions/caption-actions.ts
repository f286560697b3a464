import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NETWORK_LIMITS } from '../../connectors/network-registry';
import type { NetworkId } from '../../connectors/network-limits';
import { AiSettingsService } from '../ai-settings.service';
import { AutomationsError } from '../automations.errors';
import { list, text, type ActionContext, type ActionResult } from './action-context';
import { aiCaption, CaptionError, offlineCaption } from './caption-writer';

/** The AI caption node: the workspace's AI when it has one, else the offline writer, labelled as such. */
@Injectable()
export class CaptionActions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: AiSettingsService,
  ) {}

  /** `offline`: the offline writer even where the workspace has an AI (a test's dry run). */
  async aiCaption(c: ActionContext, options: { offline?: boolean } = {}): Promise<ActionResult> {
    const networks = list(c.config.networks).filter((n): n is NetworkId => Object.hasOwn(NETWORK_LIMITS, n));
    const maxLength = Math.min(
      ...(networks.length ? networks : (['x'] as NetworkId[])).map((n) => NETWORK_LIMITS[n].maxTextLength),
    );
    const request = { source: text(c.config.source), instructions: text(c.config.instructions), maxLength };
    if (!request.source.trim()) throw new AutomationsError('ACTION_REFUSED', 'source: there is no text to caption');
    const endpoint = options.offline ? null : await this.settings.endpoint(c.workspaceId);
    try {
      const caption = endpoint
        ? await aiCaption(endpoint, request, { allowPrivate: this.config.allowPrivateUrls })
        : offlineCaption(request);
      return { payload: { ...c.payload, caption: caption.text, generator: caption.generator, model: caption.model } };
    } catch (error) {
      if (error instanceof CaptionError) throw new AutomationsError('ACTION_REFUSED', `AI caption: ${error.message}`);
      throw error;
    }
  }
}
