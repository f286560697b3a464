import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type {
  AutomationSummary,
  AutomationVersionView,
  AutomationView,
  FeedStatusView,
  FieldSpec,
  NodeTypeSpec,
  RunDetailView,
  RunStatus,
  RunStepView,
  RunView,
} from '@socialorchestrator/rule-nodes';
import { ERROR_MODES, NODE_TYPES, type ErrorMode, type NodeErrorPolicy } from '@socialorchestrator/rule-nodes';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { Text } from '../common/fields';
import type { Graph } from './graph';
import { IsGraph } from './graph-shape';
import { NodeSampleViewDto } from './samples/node-samples.dto';

const RUN_STATUSES: RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'interrupted', 'stopped'];
const ANY_JSON = {
  oneOf: [
    { type: 'object', additionalProperties: true, description: 'A JSON object' },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
  nullable: true,
  description: 'Any JSON value',
} satisfies ApiPropertyOptions;

class PointDto {
  @ApiProperty() x: number;
  @ApiProperty() y: number;
}

/** A step's error policy (`GraphNode.onError`). */
export class NodeErrorPolicyDto implements NodeErrorPolicy {
  @ApiProperty({
    enum: ERROR_MODES,
    description:
      'stop: the run fails; continue: the item goes out of the step’s `error` port with error {message, step}; retry: tried again',
  })
  mode: ErrorMode;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 5,
    default: 3,
    description: 'retry: attempts after the first',
  })
  retries?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    default: 5,
    description: 'retry: seconds before the first retry; doubled before each next (at most 120)',
  })
  delaySeconds?: number;
}

/** The automation's error handler (`Graph.errorHandler`). */
export class ErrorHandlerDto {
  @ApiProperty({
    enum: ['notify', 'automation'],
    description:
      'notify: tell these roles with the run’s link; automation: start that automation’s Automation failed trigger',
  })
  kind: 'notify' | 'automation';
  @ApiPropertyOptional({
    type: [String],
    description: 'notify: built-in role keys or custom role ids',
    example: ['owner', 'editor'],
  })
  roles?: string[];
  @ApiPropertyOptional({ description: 'automation: the automation to start' })
  automationId?: string;
}

export class GraphNodeDto {
  @ApiProperty({ example: 'n1', pattern: '^[A-Za-z0-9_-]{1,40}$' }) id: string;
  @ApiProperty({ description: 'A node type of GET /automations/node-types', example: 'rss-in' }) type: string;
  @ApiProperty({ type: PointDto }) position: PointDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The node's settings, by the keys of its type's config fields",
    example: { feedUrl: 'https://blog.example/feed.xml' },
  })
  config: Record<string, unknown>;
  @ApiPropertyOptional({
    maxLength: 80,
    description: "The step's name on the canvas and in messages; the type's label when absent",
    example: 'Caption for LinkedIn',
  })
  label?: string;
  @ApiPropertyOptional({
    type: NodeErrorPolicyDto,
    description: 'What happens when this step fails; the run stops when absent',
  })
  onError?: NodeErrorPolicyDto;
}

class PortRefDto {
  @ApiProperty({ description: 'A node id' }) node: string;
  @ApiProperty({ example: 'out' }) port: string;
}

export class GraphEdgeDto {
  @ApiProperty({ type: PortRefDto, description: 'An output port' }) from: PortRefDto;
  @ApiProperty({ type: PortRefDto, description: 'An input port' }) to: PortRefDto;
}

/** A sticky note: words for people on the canvas, never run. */
export class GraphNoteDto {
  @ApiProperty({ example: 'note1', pattern: '^[A-Za-z0-9_-]{1,40}$' }) id: string;
  @ApiProperty({ maxLength: 2000, example: 'Ask Sam before changing the caption' }) text: string;
  @ApiProperty({ type: PointDto }) position: PointDto;
}

export class GraphDto {
  @ApiProperty({ type: [GraphNodeDto], maxItems: 200 }) nodes: GraphNodeDto[];
  @ApiProperty({ type: [GraphEdgeDto] }) edges: GraphEdgeDto[];
  @ApiPropertyOptional({ type: [GraphNoteDto], description: 'Sticky notes (ignored when running)' })
  notes?: GraphNoteDto[];
  @ApiPropertyOptional({
    type: ErrorHandlerDto,
    description: 'What happens when a run of the published version fails (besides its notification)',
  })
  errorHandler?: ErrorHandlerDto;
}

export class CreateAutomationDto {
  @ApiProperty({ example: 'New blog posts to drafts' })
  @Text(120)
  name: string;

  @ApiPropertyOptional({ type: GraphDto, description: 'The draft; empty when absent' })
  @IsOptional()
  @IsGraph()
  graph?: Graph;
}

export class UpdateAutomationDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Text(120)
  name?: string;

  @ApiPropertyOptional({ type: GraphDto, description: 'Replaces the draft (publish to run it)' })
  @IsOptional()
  @IsGraph()
  graph?: Graph;
}

export class TestRunDto {
  @ApiProperty({ description: 'The trigger node to start at' })
  @IsString()
  nodeId: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The sample payload',
    example: { title: 'Launch day' },
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

export class RunsQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'Only runs with this status' })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only runs started at or after this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only runs started before this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

class HookRefDto {
  @ApiProperty() hookId: string;
  @ApiProperty({ format: 'uri' }) url: string;
}

class SkippedItemDto {
  @ApiProperty() item: string;
  @ApiProperty() reason: string;
}

export class FeedStatusViewDto implements FeedStatusView {
  @ApiProperty() nodeId: string;
  @ApiProperty() feedUrl: string;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last check failed' }) error: string | null;
  @ApiProperty({ type: 'integer', description: 'Checks failed in a row' }) failures: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastOkAt: string | null;
  @ApiProperty({ format: 'date-time' }) nextCheckAt: string;
  @ApiProperty({ type: 'integer' }) items: number;
  @ApiProperty({ type: [SkippedItemDto] }) skipped: SkippedItemDto[];
}

export class AutomationViewDto implements AutomationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: GraphDto, description: 'The draft' }) graph: Graph;
  @ApiProperty({ type: 'integer', nullable: true }) publishedVersion: number | null;
  @ApiProperty({ type: HookRefDto, nullable: true }) hook: HookRefDto | null;
  @ApiProperty({ type: [FeedStatusViewDto], description: 'The health of each feed trigger checked' })
  feeds: FeedStatusViewDto[];
  @ApiProperty({ type: [NodeSampleViewDto], description: "The sample data of the draft's trigger nodes" })
  samples: NodeSampleViewDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class LastRunDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
}

export class AutomationSummaryDto implements AutomationSummary {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) publishedVersion: number | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: LastRunDto, nullable: true }) lastRun: LastRunDto | null;
  @ApiProperty({ type: 'integer', description: 'Feed triggers whose last check failed' }) failingFeeds: number;
}

export class AutomationListDto {
  @ApiProperty({ type: [AutomationSummaryDto] }) items: AutomationSummaryDto[];
}

export class AutomationVersionViewDto implements AutomationVersionView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: String, nullable: true }) publishedBy: string | null;
}

export class AutomationVersionListDto {
  @ApiProperty({ type: [AutomationVersionViewDto], description: 'Newest first' }) items: AutomationVersionViewDto[];
}

export class PublishedDto {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class RunViewDto implements RunView {
  @ApiProperty() id: string;
  @ApiProperty() automationId: string;
  @ApiProperty({ type: 'integer', description: 'The published version it runs' }) version: number;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty() triggerNodeId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ description: 'A test of the draft: a dry run, its actions simulated' }) test: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The run this one retried from its failed step' })
  retryOf: string | null;
}

export class RunStepViewDto implements RunStepView {
  @ApiProperty() id: string;
  @ApiProperty() nodeId: string;
  @ApiProperty() nodeType: string;
  @ApiProperty({ type: String, nullable: true, description: 'The output port it left by' }) port: string | null;
  @ApiProperty(ANY_JSON) input: unknown;
  @ApiProperty(ANY_JSON) output: unknown;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class RunDetailViewDto extends RunViewDto implements RunDetailView {
  @ApiProperty({ type: [RunStepViewDto], description: 'A page of steps, oldest first' }) steps: RunStepViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page of steps' })
  nextStepsCursor: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The graph it went through: a test’s draft, else its published version',
  })
  graph: Graph | null;
}

export class RunStartedDto {
  @ApiProperty() runId: string;
}

export class HookViewDto {
  @ApiProperty() hookId: string;
  @ApiProperty({ format: 'uri' }) url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class HookListDto {
  @ApiProperty({ type: [HookViewDto] }) items: HookViewDto[];
}

export class CreatedHookDto {
  @ApiProperty() hookId: string;
  @ApiProperty({ format: 'uri', description: 'POST signed JSON here' }) url: string;
  @ApiProperty({ description: 'Signs deliveries; shown only now' }) secret: string;
}

class FieldOptionDto {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ description: 'Still accepted (saved flows use it) but no longer offered to new ones' })
  retired?: boolean;
}

class RequiredWhenDto {
  @ApiProperty() key: string;
  @ApiProperty() equals: string;
}

const FIELD_KINDS: FieldSpec['kind'][] = [
  'text',
  'template',
  'number',
  'boolean',
  'select',
  'multiselect',
  'accounts',
  'labels',
  'roles',
  'url',
  'cron',
  'rules',
  'cases',
];

export class FieldSpecDto implements FieldSpec {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: FIELD_KINDS }) kind: FieldSpec['kind'];
  @ApiPropertyOptional() required?: boolean;
  @ApiPropertyOptional({ type: RequiredWhenDto, description: 'Required only while another field has this value' })
  requiredWhen?: RequiredWhenDto;
  @ApiPropertyOptional(ANY_JSON) default?: unknown;
  @ApiPropertyOptional({ type: [FieldOptionDto] }) options?: FieldOptionDto[];
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional() help?: string;
}

export class NodeTypeSpecDto implements NodeTypeSpec {
  @ApiProperty({ enum: NODE_TYPES, example: 'rss-in' }) type: NodeTypeSpec['type'];
  @ApiProperty({ enum: ['trigger', 'logic', 'action'] }) category: NodeTypeSpec['category'];
  @ApiProperty() label: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) inputs: string[];
  @ApiProperty({ type: [String] }) outputs: string[];
  @ApiProperty({ type: [FieldSpecDto] }) config: FieldSpecDto[];
}

export class NodeTypeListDto {
  @ApiProperty({ type: [NodeTypeSpecDto] }) items: NodeTypeSpecDto[];
}

export class TemplateSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: [FieldSpecDto], description: 'What to fill in when instantiating' }) inputs: FieldSpecDto[];
  @ApiProperty({ type: GraphDto, description: 'The graph before its inputs are filled in, for a preview' })
  graph: GraphDto;
}

export class TemplateListDto {
  @ApiProperty({ type: [TemplateSummaryDto] }) items: TemplateSummaryDto[];
}

export class AiSettingsViewDto {
  @ApiProperty({ type: String, nullable: true }) baseUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ description: 'A key is saved (it is never shown again)' }) hasKey: boolean;
}

export class SigningSecretDto {
  @ApiProperty({ description: "Signs the workspace's outgoing webhooks" }) secret: string;
}

export class InboundAcceptedDto {
  @ApiProperty({ type: [String], description: 'The runs the delivery started' }) runIds: string[];
}
