import { ApiProperty } from '@nestjs/swagger';

export class ActivityActorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class ActivitySubjectDto {
  @ApiProperty({ example: 'post' }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Summer sale',
    description: 'Its title now; the one recorded with the entry when it is gone',
  })
  title: string | null;
  @ApiProperty({ description: 'false: deleted since, so there is nothing to link to' })
  exists: boolean;
}

export class ActivityEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'post.scheduled' }) action: string;
  @ApiProperty({ type: ActivityActorDto, nullable: true, description: 'null: the system or an automation' })
  actor: ActivityActorDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'The API key it came through' }) viaApiKeyId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'post' }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({
    type: ActivitySubjectDto,
    nullable: true,
    description:
      'The post, automation or account the entry is about, for its sentence and link; null for other entries',
  })
  subject: ActivitySubjectDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What changed, by action' })
  details: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
