import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, registerDecorator, ValidationOptions } from 'class-validator';
import { Text } from '../../common/fields';

/** An ISO date-time that is not later than now (a post cannot have been made in the future). */
function IsNotFuture(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotFuture',
      target: target.constructor,
      propertyName,
      options: { message: 'must not be in the future', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || Date.parse(value) <= Date.now() },
    });
}

/**
 * A post someone made directly in the Sandbox app, not through us: the Sandbox lists it as the
 * account's own post, so analytics can import it as external.
 */
export class CreateSandboxDirectPostDto {
  @ApiProperty({ maxLength: 5000, example: 'Fresh from the oven #bakery #bread' })
  @Text(5000)
  text: string;

  @ApiPropertyOptional({ enum: ['image', 'video'], description: 'What the post carries; none for text only' })
  @IsOptional()
  @IsIn(['image', 'video'])
  mediaKind?: 'image' | 'video';

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it was posted (default now); past moments build a history',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  @IsNotFuture()
  publishedAt?: string;
}
