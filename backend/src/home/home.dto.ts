import { ApiProperty } from '@nestjs/swagger';
import { NETWORK_IDS, type NetworkId } from '../connectors/network-limits';
import { AccountDto } from '../accounts/accounts.dto';
import { ApprovalViewDto } from '../approvals/approvals.dto';
import { AutomationSummaryDto } from '../automations/automations.dto';
import { PostDto, RepeatRuleDto } from '../posts/posts.dto';

export class HomeUpcomingEntryDto {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'The first line of the text' }) title: string;
  @ApiProperty({ description: 'A later occurrence of a recurring or evergreen post' }) repeat: boolean;
  @ApiProperty({ type: RepeatRuleDto, nullable: true, description: 'Its repeating schedule, to be said in words' })
  repeatRule: RepeatRuleDto | null;
}

export class HomeUpcomingDto {
  @ApiProperty({ type: [HomeUpcomingEntryDto], description: 'Before the end of today, soonest first' })
  today: HomeUpcomingEntryDto[];
  @ApiProperty({ type: 'integer' }) todayTotal: number;
  @ApiProperty({ type: [HomeUpcomingEntryDto], description: 'After today, up to the end of this week (Sunday)' })
  thisWeek: HomeUpcomingEntryDto[];
  @ApiProperty({ type: 'integer' }) thisWeekTotal: number;
}

export class HomeFailedDto {
  @ApiProperty({ type: [PostDto], description: "Failed posts, newest first; each variant's lastError says why" })
  items: PostDto[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class HomeApprovalsDto {
  @ApiProperty({ type: [ApprovalViewDto], description: 'Pending requests the caller may decide and did not ask for' })
  items: ApprovalViewDto[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class HomeAccountsDto {
  @ApiProperty({ type: [AccountDto], description: 'To reconnect, or whose access ends within 7 days' })
  items: AccountDto[];
  @ApiProperty({ type: 'integer' }) total: number;
}

export class HomeAutomationsDto {
  @ApiProperty({
    type: [AutomationSummaryDto],
    description: 'Automations by their last run: failed or stopped first, then the most recent',
  })
  items: AutomationSummaryDto[];
  @ApiProperty({ type: 'integer', description: 'Automations that have run at least once' }) total: number;
  @ApiProperty({ type: 'integer', description: 'Of those, how many last ended failed or stopped' }) failing: number;
}

export const CHECKLIST_STEPS = ['connect_account', 'compose_post', 'set_queue_times', 'start_automation'] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

export class ChecklistItemDto {
  @ApiProperty({ enum: CHECKLIST_STEPS }) step: ChecklistStep;
  @ApiProperty() done: boolean;
}

export class HomeChecklistDto {
  @ApiProperty({ type: [ChecklistItemDto] }) items: ChecklistItemDto[];
  @ApiProperty({ description: 'Every step done (the page hides the checklist then)' }) complete: boolean;
}

export class HomeDto {
  @ApiProperty({ description: "The workspace's time zone: today and this week are read in it" }) timeZone: string;
  @ApiProperty({ type: HomeUpcomingDto }) upcoming: HomeUpcomingDto;
  @ApiProperty({ type: HomeFailedDto }) failed: HomeFailedDto;
  @ApiProperty({ type: HomeApprovalsDto, nullable: true, description: 'Null without approvals:write' })
  approvals: HomeApprovalsDto | null;
  @ApiProperty({ type: HomeAccountsDto, nullable: true, description: 'Null without accounts:read' })
  accounts: HomeAccountsDto | null;
  @ApiProperty({ type: HomeAutomationsDto, nullable: true, description: 'Null without automations:read' })
  automations: HomeAutomationsDto | null;
  @ApiProperty({ type: HomeChecklistDto }) checklist: HomeChecklistDto;
}
