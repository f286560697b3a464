import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Text } from '../common/fields';

/** One hashtag, with or without its #: letters, digits and _, at least one letter. */
const TAG = /^#?[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*$/u;

const withHash = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? `#${v.trim().replace(/^#/, '')}` : v)) : value;

export class CreateHashtagGroupDto {
  @ApiProperty({ minLength: 1, maxLength: 80, example: 'Autumn menu' })
  @Text(80)
  name: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 30,
    description: 'Hashtags in the order they are inserted (# added when missing)',
    example: ['#autumn', '#menu', '#local'],
  })
  @Transform(withHash)
  @IsArray()
  @ArrayMinSize(1, { message: 'must hold at least one hashtag' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(101, { each: true })
  @Matches(TAG, { each: true, message: 'must be hashtags (letters, digits and _)' })
  hashtags: string[];
}

export class UpdateHashtagGroupDto extends PartialType(CreateHashtagGroupDto) {}

export class HashtagGroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], example: ['#autumn', '#menu'] }) hashtags: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class HashtagSuggestionQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'What was typed so far (with or without #)', example: 'aut' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ maxLength: 10_000, description: 'The post text: suggests tags for its words, none it has' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  limit?: number;
}

export class HashtagSuggestionDto {
  @ApiProperty({ example: '#AutumnMenu', description: 'As the workspace last wrote it' }) tag: string;
  @ApiProperty({ description: 'Posts that use it' }) uses: number;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: Date;
}

export class HashtagSuggestionsDto {
  @ApiProperty({ type: [HashtagSuggestionDto] }) items: HashtagSuggestionDto[];
}
