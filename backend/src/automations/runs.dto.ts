import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

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
