import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { HashtagUses } from '../hashtags/hashtag-uses.service';
import { hashtagsIn, tagKey } from '../hashtags/hashtag-text';
import { aiCaption, aiHashtags, CaptionError, offlineCaption, offlineHashtags } from './actions/caption-writer';
import type { AiCaptionDto, AiCaptionRequestDto, AiTestResultDto } from './ai-assist.dto';
import { AiSettingsService } from './ai-settings.service';
import { AutomationsError } from './automations.errors';

const HASHTAG_COUNT = 5;

/**
 * The composer's AI assist: the same caption writer as the AI caption node (the workspace's AI, or
 * the offline writer, labelled), asked to write, rewrite or tag for one network's length.
 */
@Injectable()
export class AiAssist {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: AiSettingsService,
    private readonly hashtagUses: HashtagUses,
  ) {}

  async caption(workspaceId: string, request: AiCaptionRequestDto): Promise<AiCaptionDto> {
    const maxLength = NETWORK_LIMITS[request.network].maxTextLength;
    const endpoint = await this.settings.endpoint(workspaceId);
    const options = { allowPrivate: this.config.allowPrivateUrls };
    const meta = { generator: endpoint ? ('openai' as const) : ('offline' as const), model: endpoint?.model ?? null };
    try {
      if (request.action === 'hashtags') {
        const text = request.text!;
        const tags = endpoint
          ? await aiHashtags(endpoint, text, HASHTAG_COUNT, options)
          : await this.offlineHashtags(workspaceId, text);
        return { text: null, hashtags: tags, maxLength, ...meta };
      }
      const source = request.action === 'write' ? request.prompt! : request.text!;
      const caption = endpoint
        ? await aiCaption(endpoint, { source, instructions: instructions(request), maxLength }, options)
        : offlineCaption({ source, instructions: '', maxLength });
      return { text: caption.text, hashtags: [], maxLength, ...meta };
    } catch (error) {
      if (error instanceof CaptionError) throw new AutomationsError('AI_FAILED', `AI assist: ${error.message}`);
      throw error;
    }
  }

  /** Writes a short caption with the saved provider: proves the address, key and model work together. */
  async test(workspaceId: string): Promise<AiTestResultDto> {
    const endpoint = await this.settings.endpoint(workspaceId);
    if (!endpoint) throw new AutomationsError('AI_NOT_SET_UP', 'Save a provider first, then test it');
    try {
      const caption = await aiCaption(
        endpoint,
        { source: 'A test: greet our followers in a few words.', instructions: '', maxLength: 100 },
        { allowPrivate: this.config.allowPrivateUrls },
      );
      return { model: endpoint.model, sample: caption.text };
    } catch (error) {
      if (error instanceof CaptionError) throw new AutomationsError('AI_FAILED', `The test failed: ${error.message}`);
      throw error;
    }
  }

  /** The workspace's own tags for the text's words first, then tags from its meaningful words; none it has. */
  private async offlineHashtags(workspaceId: string, text: string): Promise<string[]> {
    const own = await this.hashtagUses.suggest(workspaceId, { text, limit: HASHTAG_COUNT });
    const present = new Set(hashtagsIn(text).map(tagKey));
    const tags = [...own.map((s) => s.tag), ...offlineHashtags(text, HASHTAG_COUNT * 2)];
    return tags
      .filter((tag, i) => !present.has(tagKey(tag)) && tags.findIndex((t) => tagKey(t) === tagKey(tag)) === i)
      .slice(0, HASHTAG_COUNT);
  }
}

function instructions(request: AiCaptionRequestDto): string {
  const task =
    request.action === 'write'
      ? 'Write a new caption from the brief you are given.'
      : 'Rewrite the caption you are given, keeping its meaning, links and mentions.';
  return request.tone ? `${task} Use a ${request.tone} tone.` : task;
}
