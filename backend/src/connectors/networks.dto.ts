import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ConnectMode } from './connector';
import { OPTION_FIELD_KINDS, type OptionFieldKind } from './option-fields';
import { NETWORK_IDS, POST_TYPES, type NetworkId, type PostType } from './network-limits';

export class RuleRangeDto {
  @ApiProperty({ type: 'number' }) min: number;
  @ApiProperty({ type: 'number' }) max: number;
}

export class PollRuleDto {
  @ApiProperty({ type: RuleRangeDto, description: 'How many choices' }) options: RuleRangeDto;
  @ApiProperty({ type: 'integer', description: 'Characters per choice' }) maxOptionLength: number;
  @ApiProperty({ type: RuleRangeDto, description: 'Whole minutes the network accepts' }) durationMinutes: RuleRangeDto;
  @ApiProperty({ type: [Number], description: 'Lengths to offer, in minutes' }) durationChoices: number[];
  @ApiProperty({ description: 'The network takes only the offered lengths' }) onlyChoices: boolean;
}

export class TitleRuleDto {
  @ApiProperty({ example: 'Video title' }) label: string;
  @ApiProperty({ type: 'integer' }) maxLength: number;
  @ApiProperty() required: boolean;
}

export class FirstCommentRuleDto {
  @ApiProperty({ type: 'integer' }) maxLength: number;
}

export class PostTypeRuleDto {
  @ApiProperty({ enum: POST_TYPES }) type: PostType;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/RuleRangeDto' },
    description: 'How many items of each media kind (image, gif, video, document); a kind not listed is refused',
    example: { image: { min: 1, max: 4 } },
  })
  media: Record<string, RuleRangeDto>;
  @ApiProperty({ type: RuleRangeDto, nullable: true, description: 'Items in all, when kinds may mix' })
  totalMedia: RuleRangeDto | null;
  @ApiProperty({ enum: ['required', 'allowed', 'none'] }) link: 'required' | 'allowed' | 'none';
  @ApiProperty() requiresText: boolean;
  @ApiProperty({ type: PollRuleDto, nullable: true }) poll: PollRuleDto | null;
  @ApiProperty({ type: TitleRuleDto, nullable: true }) title: TitleRuleDto | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "A shorter text limit for this post type (Telegram's captions); null: the network's",
  })
  maxTextLength: number | null;
}

export class NetworkRulesDto {
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty({ example: 'X' }) label: string;
  @ApiProperty({ type: 'integer' }) maxTextLength: number;
  @ApiProperty({ type: 'integer', nullable: true }) maxHashtags: number | null;
  @ApiProperty({ type: FirstCommentRuleDto, nullable: true, description: 'Whether a first comment can be added' })
  firstComment: FirstCommentRuleDto | null;
  @ApiProperty({ type: [PostTypeRuleDto], description: 'The post types it takes, most common first' })
  postTypes: PostTypeRuleDto[];
}

export class CredentialFieldDto {
  @ApiProperty({ example: 'botToken', description: 'Sent as credentials.<name>' }) name: string;
  @ApiProperty({ example: 'Bot token' }) label: string;
  @ApiProperty({ enum: ['text', 'secret', 'url'], description: 'secret: typed into a password input' })
  kind: 'text' | 'secret' | 'url';
  @ApiProperty() required: boolean;
  @ApiProperty({ example: 'From @BotFather' }) help: string;
  @ApiPropertyOptional({ example: '123456789:AA…' }) placeholder?: string;
}

export class OptionChoiceDto {
  @ApiProperty({ example: 'public' }) value: string;
  @ApiProperty({ example: 'Public' }) label: string;
}

export class OptionConditionDto {
  @ApiProperty({ example: 'topic', description: 'Another option of the same network' }) option: string;
  @ApiProperty({
    type: [String],
    example: ['event', 'offer'],
    description: "Its values that show this field ('' = unset)",
  })
  values: string[];
}

export class OptionFieldDto {
  @ApiProperty({ example: 'boardId', description: 'Sent as variants[i].options.<name>; a dotted name is a nested key' })
  name: string;
  @ApiProperty({ example: 'Board' }) label: string;
  @ApiProperty({ enum: OPTION_FIELD_KINDS, description: 'list: several texts, one per line' })
  kind: OptionFieldKind;
  @ApiProperty({ description: 'Required whenever the field is shown' }) required: boolean;
  @ApiProperty({ example: 'The board this pin goes to' }) help: string;
  @ApiPropertyOptional({ type: [OptionChoiceDto], description: 'The values a select offers' })
  choices?: OptionChoiceDto[];
  @ApiPropertyOptional({
    example: 'boards',
    description: 'The select offers a list the account keeps (GET /accounts/{id}/option-choices)',
  })
  choicesFrom?: string;
  @ApiPropertyOptional({ example: 'boardId', description: 'Its choices are those of the item chosen in this option' })
  choicesWithin?: string;
  @ApiPropertyOptional({ type: 'integer' }) maxLength?: number;
  @ApiPropertyOptional({ example: 'en', description: 'An example value for the empty input' }) placeholder?: string;
  @ApiPropertyOptional({
    type: OptionConditionDto,
    description: 'Shown only while another option has one of these values',
  })
  when?: OptionConditionDto;
  @ApiPropertyOptional({ type: [String], description: 'Shown only for these post types' })
  postTypes?: string[];
}

/** A network's rules with how it connects and whether this server can connect it. */
export class NetworkDto extends NetworkRulesDto {
  @ApiProperty({ enum: ['demo', 'oauth', 'credentials'], description: 'How an account is connected' })
  connect: ConnectMode;
  @ApiProperty({ description: 'false: this server lacks what the network needs, and connecting it is refused' })
  configured: boolean;
  @ApiProperty({
    type: [String],
    example: ['META_APP_ID', 'META_APP_SECRET'],
    description: 'The server variables that turn it on (empty once configured)',
  })
  settings: string[];
  @ApiProperty({ type: [CredentialFieldDto], description: 'What a credentials network asks for (empty for others)' })
  credentialFields: CredentialFieldDto[];
  @ApiProperty({ example: '#26a5e4', description: 'Brand colour of its logo mark' }) colour: string;
  @ApiProperty({ description: 'The person names their own server first (Mastodon)' }) instanceUrl: boolean;
  @ApiProperty({
    type: [OptionFieldDto],
    description: "The network's own options the composer offers (variant.options)",
  })
  optionFields: OptionFieldDto[];
}

export class NetworkRulesListDto {
  @ApiProperty({ type: [NetworkDto] }) items: NetworkDto[];
}
