import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Text } from '../common/fields';
import { VariantInputDto } from '../posts/posts.dto';

export class CreatePostTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Weekly menu' })
  @Text(120)
  name: string;

  @ApiPropertyOptional({ maxLength: 200, description: "The post's title, for the team" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ maxLength: 10_000, description: 'The shared text (may be empty when every variant has its own)' })
  @IsString()
  @MaxLength(10_000)
  text: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['menu'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  labels?: string[];

  @ApiPropertyOptional({
    type: [VariantInputDto],
    maxItems: 50,
    description: 'Per account: its own text, type, media, link and options',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants?: VariantInputDto[];
}

export class UpdatePostTemplateDto extends PartialType(CreatePostTemplateDto) {}

export class PostTemplateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) labels: string[];
  @ApiProperty({ type: [VariantInputDto] }) variants: VariantInputDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}
