import { Global, Module } from '@nestjs/common';
import { MailComposer } from './mail-composer';
import { MailDirectoryRepository } from './mail-directory.repository';
import { MailMessagesRepository } from './mail-messages.repository';
import { MailEnqueuer, MailQueue } from './mail-queue';
import { MailReminders } from './mail-reminders';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';
import { MailController } from './mail.controller';
import { MailService } from './mail.service';

/**
 * Mail to people: composed from the consumed events (MailComposer, called by the consumer inside its
 * transaction), an outbox of messages sent over SMTP by a BullMQ worker, reminders due at a time, the
 * admins' mail log and the unsubscribe links. Global because the consumer needs MailComposer.
 */
@Global()
@Module({
  controllers: [MailController],
  providers: [
    MailDirectoryRepository,
    MailMessagesRepository,
    MailQueue,
    MailEnqueuer,
    MailComposer,
    MailReminders,
    MailTransport,
    MailWorker,
    MailService,
  ],
  exports: [MailComposer, MailReminders, MailWorker, MailQueue, MailMessagesRepository],
})
export class MailModule {}
