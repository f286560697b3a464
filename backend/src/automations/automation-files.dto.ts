import { ApiProperty } from '@nestjs/swagger';
import {
  AUTOMATION_FILE_FORMAT,
  type DiffChangedNode,
  type DiffEdge,
  type DiffNode,
  type GraphDiff,
  type ImportNotice,
} from '@socialorchestrator/rule-nodes';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Text } from '../common/fields';
import { AutomationViewDto, GraphDto } from './automations.dto';
import type { Graph } from './graph';
import { IsGraph } from './graph-shape';

/** An automation as a file: what export gives and import takes. */
export class AutomationFileDto {
  @ApiProperty({ enum: [AUTOMATION_FILE_FORMAT], description: 'The file format and its version' })
  @IsIn([AUTOMATION_FILE_FORMAT], {
    message: `format must be ${AUTOMATION_FILE_FORMAT} (a file exported by SocialOrchestrator)`,
  })
  format: typeof AUTOMATION_FILE_FORMAT;

  @ApiProperty({ maxLength: 120, example: 'New blog posts to drafts', description: 'The imported draft’s name' })
  @Text(120)
  name: string;

  @ApiProperty({ format: 'date-time', required: false, description: 'When it was exported (ignored on import)' })
  @IsOptional()
  @IsISO8601()
  exportedAt?: string;

  @ApiProperty({ type: GraphDto, description: 'The public graph contract, as GET /automations/{id} gives it' })
  @IsGraph()
  graph: Graph;
}

export class ImportNoticeDto implements ImportNotice {
  @ApiProperty({ example: 'graph.nodes.n3.config.accountIds' }) field: string;
  @ApiProperty({
    example: 'Create draft: Accounts named 1 accounts this workspace does not have (a9); they were taken out',
  })
  message: string;
}

export class ImportResultDto {
  @ApiProperty({ type: AutomationViewDto, description: 'The new draft (not published)' }) automation: AutomationViewDto;
  @ApiProperty({
    type: [ImportNoticeDto],
    description: 'Ids of accounts, roles or automations this workspace does not have, taken out of the draft',
  })
  notices: ImportNoticeDto[];
}

class DiffNodeDto implements DiffNode {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The step’s name (its label, else its type’s)' }) label: string;
  @ApiProperty() type: string;
}

class DiffChangedNodeDto extends DiffNodeDto implements DiffChangedNode {
  @ApiProperty({ type: [String], example: ['label', 'onError', 'config.text'], description: 'What changed in it' })
  changes: string[];
}

class DiffEdgeDto implements DiffEdge {
  @ApiProperty({ description: 'The name of the step it leaves' }) from: string;
  @ApiProperty() port: string;
  @ApiProperty({ description: 'The name of the step it enters' }) to: string;
  @ApiProperty({ example: 'Condition (true) → Create draft' }) text: string;
}

class DiffNodesDto {
  @ApiProperty({ type: [DiffNodeDto] }) added: DiffNodeDto[];
  @ApiProperty({ type: [DiffNodeDto] }) removed: DiffNodeDto[];
  @ApiProperty({ type: [DiffChangedNodeDto] }) changed: DiffChangedNodeDto[];
}

class DiffEdgesDto {
  @ApiProperty({ type: [DiffEdgeDto] }) added: DiffEdgeDto[];
  @ApiProperty({ type: [DiffEdgeDto] }) removed: DiffEdgeDto[];
}

/** What restoring a version would change in the current draft. */
export class VersionDiffDto implements GraphDiff {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({
    type: DiffNodesDto,
    description: 'Steps restoring adds, removes and changes (positions do not count)',
  })
  nodes: DiffNodesDto;
  @ApiProperty({ type: DiffEdgesDto, description: 'Connections restoring adds and removes' }) edges: DiffEdgesDto;
  @ApiProperty({ description: 'Whether restoring changes the error handler' }) errorHandlerChanged: boolean;
}
