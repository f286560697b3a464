import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUrl, MaxLength } from 'class-validator';
import { SUBSCRIPTION_EVENTS, type SubscriptionEvent } from './subscription-events';
import type { DeliveryStatus } from './subscription-delivery.entity';
import type { SubscriptionStatus } from './subscription.entity';

export class CreateSubscriptionDto {
  @ApiProperty({ enum: SUBSCRIPTION_EVENTS, example: 'post.published' })
  @IsIn(SUBSCRIPTION_EVENTS, { message: `must be one of ${SUBSCRIPTION_EVENTS.join(', ')}` })
  event: SubscriptionEvent;

  @ApiProperty({
    example: 'https://hooks.zapier.com/hooks/standard/123456/abcdef/',
    description: 'Where each event is POSTed (http or https, on a public address)',
    maxLength: 2000,
  })
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  targetUrl: string;
}

export class DeliveryDto {
  @ApiProperty({ description: 'Also the X-Delivery-Id header and the body’s id' }) id: string;
  @ApiProperty({ enum: SUBSCRIPTION_EVENTS }) event: SubscriptionEvent;
  @ApiProperty({ enum: ['pending', 'sending', 'delivered', 'failed'] }) status: DeliveryStatus;
  @ApiProperty({ description: 'Attempts made so far' }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The target’s last HTTP status; null when unreachable' })
  responseStatus: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The start of the target’s last answer, or why it could not be reached',
  })
  responseExcerpt: string | null;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) deliveredAt: string | null;
  @ApiProperty({ description: 'The JSON body as sent: { id, event, occurredAt, workspaceId, data }' }) body: string;
}

export class SubscriptionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: SUBSCRIPTION_EVENTS }) event: SubscriptionEvent;
  @ApiProperty() targetUrl: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: SubscriptionStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was turned off' }) disabledReason: string | null;
  @ApiProperty({ description: 'Failed attempts since the last success' }) consecutiveFailures: number;
  @ApiProperty({ type: String, nullable: true }) lastDeliveryAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [DeliveryDto], description: 'The five latest deliveries, newest first' })
  recentDeliveries: DeliveryDto[];
}

export class CreatedSubscriptionDto extends SubscriptionDto {
  @ApiProperty({
    description:
      'Verifies our signature: X-Signature is sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<body>"> with it. Shown once.',
  })
  secret: string;
}

export class DeliveryBodyDto {
  @ApiProperty({ description: 'The delivery id, also X-Delivery-Id: the same on every retry' }) id: string;
  @ApiProperty({ enum: SUBSCRIPTION_EVENTS }) event: SubscriptionEvent;
  @ApiProperty({ description: 'When it happened (ISO 8601)' }) occurredAt: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event’s fields; see README of the subscriptions context for each event',
  })
  data: Record<string, unknown>;
}

export class SampleEventDto {
  @ApiProperty({ enum: SUBSCRIPTION_EVENTS }) event: SubscriptionEvent;
  @ApiProperty({ type: DeliveryBodyDto, description: 'A delivery body of this event, with realistic values' })
  body: DeliveryBodyDto;
}
