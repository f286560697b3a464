import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from './notification-kinds';

const CHANNELS_HELP =
  'in_app: the bell only; email: the bell and an email at once; digest: the bell and one email a day; off: not told';

export class NotificationPreferenceInputDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS, description: 'What the notification is about' })
  @IsIn(NOTIFICATION_KINDS, { message: `must be one of ${NOTIFICATION_KINDS.join(', ')}` })
  kind: NotificationKind;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: CHANNELS_HELP })
  @IsIn(NOTIFICATION_CHANNELS, { message: `must be one of ${NOTIFICATION_CHANNELS.join(', ')}` })
  channel: NotificationChannel;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({
    type: [NotificationPreferenceInputDto],
    maxItems: NOTIFICATION_KINDS.length,
    description: 'The kinds to change; kinds left out keep their channel',
  })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInputDto)
  items: NotificationPreferenceInputDto[];
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ description: 'What the kind is, in plain words' }) label: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: CHANNELS_HELP }) channel: NotificationChannel;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: 'The channel before the member chose one' })
  defaultChannel: NotificationChannel;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto], description: 'Every kind, in a fixed order' })
  items: NotificationPreferenceDto[];
}
