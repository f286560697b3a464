import { ApiProperty } from '@nestjs/swagger';

export class ActivityActorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class ActivityEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'post.scheduled' }) action: string;
  @ApiProperty({ type: ActivityActorDto, nullable: true, description: 'null: the system or an automation' })
  actor: ActivityActorDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'The API key it came through' }) viaApiKeyId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'post' }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What changed, by action' })
  details: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
