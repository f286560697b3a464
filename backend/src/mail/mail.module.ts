import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailService } from './mail.service';
import { OutboxController } from './outbox.controller';
import { OutboxAttachment } from './outbox-attachment.entity';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxEmail } from './outbox-email.entity';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail, OutboxAttachment])],
  controllers: [OutboxController],
  providers: [MailService, OutboxDispatcher],
  exports: [MailService, OutboxDispatcher],
})
export class MailModule {}
