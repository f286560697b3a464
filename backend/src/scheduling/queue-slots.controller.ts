import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { QueueSlotsService } from './queue-slots.service';

export class QueueSlotDto {
  @ApiProperty({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '09:30' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 09:30' })
  localTime: string;
}

export class QueueSlotsDto {
  @ApiProperty({ type: [QueueSlotDto], maxItems: 200, description: "The account's weekly posting times" })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QueueSlotDto)
  slots: QueueSlotDto[];
}

@ApiTags('accounts')
@Controller('api/v1/accounts/:id/queue-slots')
export class QueueSlotsController {
  constructor(private readonly slots: QueueSlotsService) {}

  @Get()
  @RequirePermission('accounts:read')
  @ApiOkResponse({ type: QueueSlotsDto })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<QueueSlotsDto> {
    return { slots: await this.slots.list(workspace.workspaceId, id) };
  }

  /** Replaces the account's weekly posting times. */
  @Put()
  @RequirePermission('accounts:write')
  @ApiOkResponse({ type: QueueSlotsDto })
  async replace(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: QueueSlotsDto,
  ): Promise<QueueSlotsDto> {
    return { slots: await this.slots.replace(workspace.workspaceId, id, body.slots) };
  }
}
