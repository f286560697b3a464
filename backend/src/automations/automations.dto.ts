import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString } from 'class-validator';
import { Text } from '../common/fields';
import type { Graph } from './graph';
import { IsGraph } from './graph-shape';

export class CreateAutomationDto {
  @ApiProperty({ example: 'New blog posts to drafts' })
  @Text(120)
  name: string;

  @ApiPropertyOptional({
    description: '{nodes: [{id, type, position, config}], edges: [{from: {node, port}, to: {node, port}}]}',
  })
  @IsOptional()
  @IsGraph()
  graph?: Graph;
}

export class UpdateAutomationDto {
  @IsOptional()
  @Text(120)
  name?: string;

  @IsOptional()
  @IsGraph()
  graph?: Graph;
}

export class TestRunDto {
  @ApiProperty({ description: 'The trigger node to start at' })
  @IsString()
  nodeId: string;

  @ApiPropertyOptional({ description: 'The sample payload' })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

export class RunsQueryDto {
  @IsOptional()
  @IsString()
  cursor?: string;
}
