import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NodeSampleView } from '@socialorchestrator/rule-nodes';
import { IsIn, IsObject, ValidateIf } from 'class-validator';

const SOURCES = ['fetch', 'pasted', 'wait', 'example'] as const;

/** How to take a trigger's sample. */
export class TakeSampleDto {
  @ApiProperty({
    enum: SOURCES,
    description:
      "fetch: an RSS trigger's newest feed item; pasted: the JSON given (a webhook maps it by its preset); wait: a webhook trigger opens a one-time test URL for ten minutes (poll GET …/sample); example: the trigger type's realistic example (a schedule's next firing)",
  })
  @IsIn(SOURCES)
  source: (typeof SOURCES)[number];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'With source pasted: the payload, a JSON object of at most 64 kB',
    example: { title: 'Spring collection', link: 'https://blog.example.com/spring' },
  })
  @ValidateIf((o: TakeSampleDto) => o.source === 'pasted')
  @IsObject({ message: 'json must be a JSON object' })
  json?: Record<string, unknown>;
}

class WaitingDto {
  @ApiProperty({ description: 'Where to send the test delivery: no signature needed, used once' }) url: string;
  @ApiProperty({ format: 'date-time', description: 'The URL closes then' }) until: string;
  @ApiProperty({ description: 'A ready-to-paste curl that sends a test delivery' }) curl: string;
}

export class NodeSampleViewDto implements NodeSampleView {
  @ApiProperty() nodeId: string;
  @ApiProperty({ enum: ['fetch', 'pasted', 'test-delivery', 'example'] }) source: NodeSampleView['source'];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The payload the trigger would start a run with; null while the first test delivery is awaited',
  })
  payload: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) capturedAt: string | null;
  @ApiProperty({ type: WaitingDto, nullable: true, description: 'Set while a test delivery is awaited' })
  waiting: WaitingDto | null;
}

export class NodeSampleListDto {
  @ApiProperty({ type: [NodeSampleViewDto] }) items: NodeSampleViewDto[];
}

export class TestDeliveryCapturedDto {
  @ApiProperty({ description: 'The trigger node that now has this delivery as its sample' }) nodeId: string;
  @ApiProperty({ type: [String], description: 'The fields the sample has' }) fields: string[];
}
