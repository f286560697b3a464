import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NETWORK_IDS, type NetworkId } from '../connectors/network-limits';

export const ASSIST_ACTIONS = ['write', 'rewrite', 'hashtags'] as const;
export type AssistAction = (typeof ASSIST_ACTIONS)[number];

export const TONES = ['friendly', 'professional', 'casual', 'enthusiastic', 'witty'] as const;
export type Tone = (typeof TONES)[number];

export class AiCaptionRequestDto {
  @ApiProperty({
    enum: ASSIST_ACTIONS,
    description: 'write: a caption from `prompt`; rewrite: `text` again, fitted; hashtags: hashtags for `text`',
  })
  @IsIn(ASSIST_ACTIONS, { message: `must be one of ${ASSIST_ACTIONS.join(', ')}` })
  action: AssistAction;

  @ApiProperty({ enum: NETWORK_IDS, description: "The caption fits this network's text length" })
  @IsIn(NETWORK_IDS, { message: `must be one of ${NETWORK_IDS.join(', ')}` })
  network: NetworkId;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'write: what the post is about',
    example: 'Our new autumn menu',
  })
  @ValidateIf((r: AiCaptionRequestDto) => r.action === 'write')
  @IsString()
  @MinLength(1, { message: 'must say what to write about' })
  @MaxLength(2000)
  prompt?: string;

  @ApiPropertyOptional({ maxLength: 10_000, description: 'rewrite, hashtags: the current post text' })
  @ValidateIf((r: AiCaptionRequestDto) => r.action !== 'write')
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({
    enum: TONES,
    description: 'write, rewrite: the voice (the offline writer keeps the source’s)',
  })
  @IsOptional()
  @IsIn(TONES, { message: `must be one of ${TONES.join(', ')}` })
  tone?: Tone;
}

export class AiCaptionDto {
  @ApiProperty({ type: String, nullable: true, description: 'write, rewrite: the caption; null for hashtags' })
  text: string | null;

  @ApiProperty({ type: [String], example: ['#autumn', '#menu'], description: 'hashtags: the suggestions' })
  hashtags: string[];

  @ApiProperty({ enum: ['openai', 'offline'], description: 'offline: no AI provider is set up' })
  generator: 'openai' | 'offline';

  @ApiProperty({ type: String, nullable: true }) model: string | null;

  @ApiProperty({ description: "The network's text length the caption fits" }) maxLength: number;
}

export class AiTestResultDto {
  @ApiProperty({ example: 'gpt-4o-mini' }) model: string;
  @ApiProperty({ description: 'What the AI wrote for a short test prompt' }) sample: string;
}
