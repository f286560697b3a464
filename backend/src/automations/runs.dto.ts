import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

/** Steps shown with a run at once; more are read on demand. */
export const STEPS_PAGE = 100;

/** Which page of a run's steps: after the last step id seen, `limit` of them. */
export class RunStepsQuery {
  @ApiPropertyOptional({ description: 'nextStepsCursor of the previous page: the steps after it' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: STEPS_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** A test of the draft: a dry run from one of its trigger nodes on its sample, or on the payload given. */
export class DraftTestDto {
  @ApiProperty({ description: 'The draft’s trigger node to start at' })
  @IsString()
  nodeId: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The payload to test with; without it, the trigger’s stored sample',
    example: { title: 'Launch day', link: 'https://example.com/launch' },
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}
