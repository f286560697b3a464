import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASPECTS, type Aspect } from './aspect-ratios';

export const EDIT_OPS = ['crop', 'resize', 'rotate', 'watermark'] as const;
export type EditOp = (typeof EDIT_OPS)[number];
export const WATERMARK_POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'center'] as const;
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number];

/** The largest edge an edit may produce: past it sharp spends seconds and memory for no network. */
export const MAX_EDGE = 8192;

const isOp =
  (...ops: EditOp[]) =>
  (o: EditOperationDto) =>
    ops.includes(o.op);

/**
 * One step of an edit, its fields by `op` (a flat shape: class-validator has no tagged unions).
 * crop: `aspect` (centred, largest area) or a free rectangle `x, y, width, height` in pixels of the
 * image as the previous steps left it. resize: `width`, and `height` (else kept in proportion).
 * rotate: `degrees` clockwise. watermark: `text` and/or the workspace `logo`, `position`, `opacity`.
 */
export class EditOperationDto {
  @ApiProperty({ enum: EDIT_OPS })
  @IsIn(EDIT_OPS, { message: `must be one of ${EDIT_OPS.join(', ')}` })
  op: EditOp;

  @ApiPropertyOptional({ enum: Object.keys(ASPECTS), description: 'crop: centred to this ratio' })
  @ValidateIf((o: EditOperationDto) => o.op === 'crop' && o.aspect !== undefined)
  @IsIn(Object.keys(ASPECTS), { message: `must be one of ${Object.keys(ASPECTS).join(', ')}` })
  aspect?: Aspect;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'crop: left edge in pixels' })
  @ValidateIf((o: EditOperationDto) => o.op === 'crop' && o.aspect === undefined)
  @IsInt()
  @Min(0)
  x?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'crop: top edge in pixels' })
  @ValidateIf((o: EditOperationDto) => o.op === 'crop' && o.aspect === undefined)
  @IsInt()
  @Min(0)
  y?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EDGE, description: 'crop, resize' })
  @ValidateIf((o: EditOperationDto) => o.op === 'resize' || (o.op === 'crop' && o.aspect === undefined))
  @IsInt()
  @Min(1)
  @Max(MAX_EDGE)
  width?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EDGE, description: 'crop; resize (optional)' })
  @ValidateIf(
    (o: EditOperationDto) =>
      (o.op === 'resize' && o.height !== undefined) || (o.op === 'crop' && o.aspect === undefined),
  )
  @IsInt()
  @Min(1)
  @Max(MAX_EDGE)
  height?: number;

  @ApiPropertyOptional({ enum: [90, 180, 270], description: 'rotate: clockwise' })
  @ValidateIf(isOp('rotate'))
  @IsIn([90, 180, 270], { message: 'must be 90, 180 or 270' })
  degrees?: 90 | 180 | 270;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'watermark: text to stamp' })
  @ValidateIf((o: EditOperationDto) => o.op === 'watermark' && (o.text !== undefined || !o.logo))
  @IsString({ message: 'watermark needs text or logo: true' })
  @MinLength(1)
  @MaxLength(100)
  text?: string;

  @ApiPropertyOptional({ description: "watermark: stamp the workspace's logo (its branding logo URL)" })
  @ValidateIf((o: EditOperationDto) => o.op === 'watermark' && o.logo !== undefined)
  @IsBoolean()
  logo?: boolean;

  @ApiPropertyOptional({ enum: WATERMARK_POSITIONS, description: 'watermark' })
  @ValidateIf(isOp('watermark'))
  @IsIn(WATERMARK_POSITIONS, { message: `must be one of ${WATERMARK_POSITIONS.join(', ')}` })
  position?: WatermarkPosition;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'watermark: 0 invisible … 1 opaque' })
  @ValidateIf(isOp('watermark'))
  @IsNumber()
  @Min(0)
  @Max(1)
  opacity?: number;
}

export class EditMediaDto {
  @ApiProperty({ type: [EditOperationDto], minItems: 1, maxItems: 20, description: 'Applied in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EditOperationDto)
  operations: EditOperationDto[];
}
