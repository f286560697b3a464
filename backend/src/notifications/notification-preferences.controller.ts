import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../access/access.decorators';
import type { Principal } from '../access/access-context';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

/** The caller's own choices, the same in every workspace of theirs (the account page). */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  async get(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesDto> {
    return { items: await this.preferences.of(principal.userId) };
  }

  @Put()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return { items: await this.preferences.update(principal.userId, body.items) };
  }
}
