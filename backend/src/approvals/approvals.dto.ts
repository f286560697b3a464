import { ApiProperty } from '@nestjs/swagger';
import { NETWORK_IDS, POST_TYPES, type NetworkId, type PostType } from '../connectors/network-limits';
import { MediaItemDto } from '../media/media.dto';
import { RuleViolationDto } from '../posts/posts.dto';
import { ScheduleInputDto } from '../posts/posts.dto';
import { WorkspaceFaceDto } from '../workspaces/workspaces.dto';
import { APPROVAL_STATUSES, type ApprovalStatus } from './approval.entity';
import type { ApprovalVariantView, ApprovalView } from './approval-views';
import type { VariantEditCheck } from './approval-edits';
import type { CommentView } from './comments.service';

export class ApprovalAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() network: string;
}

export class ApprovalVariantDto implements ApprovalVariantView {
  @ApiProperty({ description: 'The variant (what an edit names)' }) id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty({ example: 'X' }) networkLabel: string;
  @ApiProperty({ description: 'The text that goes out to this account' }) text: string;
  @ApiProperty({ enum: POST_TYPES }) postType: PostType;
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The network's options for it (a poll's choices, a title), as in the post's variant",
  })
  options: Record<string, unknown>;
  @ApiProperty({
    type: [MediaItemDto],
    description: "The variant's media in order, with signed expiring URLs (only this post's files)",
  })
  media: MediaItemDto[];
  @ApiProperty({ type: 'integer', description: "The text's length as the network counts it" }) length: number;
  @ApiProperty({ type: 'integer' }) maxLength: number;
}

export class ApprovalViewDto implements ApprovalView {
  @ApiProperty() id: string;
  @ApiProperty() postId: string;
  @ApiProperty({ enum: APPROVAL_STATUSES }) status: ApprovalStatus;
  @ApiProperty({ description: "The post's text" }) text: string;
  @ApiProperty({ type: [ApprovalAccountDto], description: 'The accounts the post goes to' })
  accounts: ApprovalAccountDto[];
  @ApiProperty({ type: [ApprovalVariantDto], description: 'Each variant as its network will show it' })
  variants: ApprovalVariantDto[];
  @ApiProperty({ type: String, nullable: true, description: 'What the requester asked' }) message: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'The member who asked (null: an automation)' })
  requestedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Why it was declined, or the approver's comment" })
  reason: string | null;
  @ApiProperty({
    type: ScheduleInputDto,
    nullable: true,
    description: 'The schedule the post was composed with, applied on approval (null: none held)',
  })
  heldSchedule: ScheduleInputDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'On an approval: why the held schedule was not applied (its time passed); the post stays a draft',
  })
  scheduleProblem: string | null;
}

export class VariantEditCheckDto implements VariantEditCheck {
  @ApiProperty() variantId: string;
  @ApiProperty({ type: 'integer', description: "The edited text's length as the network counts it" }) length: number;
  @ApiProperty({ type: 'integer' }) maxLength: number;
  @ApiProperty({ type: [RuleViolationDto], description: 'Rules of the network the edited text breaks' })
  problems: RuleViolationDto[];
}

export class EditChecksDto {
  @ApiProperty({ type: [VariantEditCheckDto], description: 'In the order the edits were sent' })
  variants: VariantEditCheckDto[];
}

export class ApprovalRequestedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: APPROVAL_STATUSES }) status: ApprovalStatus;
}

export class ApprovalLinkDto {
  @ApiProperty({ format: 'uri', description: 'Send this to the client; it works without an account' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CommentViewDto implements CommentView {
  @ApiProperty() id: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ description: 'Written through an approval link' }) byClient: boolean;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String], description: 'Names of the members @mentioned (and notified)' }) mentions: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CommentListDto {
  @ApiProperty({ type: [CommentViewDto], description: 'Oldest first' }) items: CommentViewDto[];
}

/** What a client sees through an approval link. */
export class ApprovalLinkViewDto extends ApprovalViewDto {
  @ApiProperty({ type: [CommentViewDto] }) comments: CommentViewDto[];
  @ApiProperty({ type: WorkspaceFaceDto, description: 'Whose post it is' }) workspace: WorkspaceFaceDto;
}
