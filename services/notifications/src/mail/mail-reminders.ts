import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, getLogger, SystemClock } from '@exchange/platform';
import { MailComposer } from './mail-composer';
import { MailMessagesRepository } from './mail-messages.repository';
import { reminderMailPlan, type ReminderPlan } from './mail-plans';

const BATCH = 100;

/**
 * Mail due at a time: an offer's deadline in 24 hours, a review due in 48, the end of a secret
 * rotation's overlap. Each sweep claims the
 * reminders due by the clock with FOR UPDATE SKIP LOCKED and writes their mail in the same
 * transaction, so any number of instances can sweep and each reminder is mailed once.
 */
@Injectable()
export class MailReminders {
  private readonly logger = getLogger({ component: 'mail-reminders' });
  private readonly clock: Clock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MailMessagesRepository,
    private readonly composer: MailComposer,
    // The system clock unless a test provides another (time moved by the test, not by sleeping).
    @Optional() @Inject(Clock) clock: Clock | null,
  ) {
    this.clock = clock ?? new SystemClock();
  }

  /** Sends every reminder due now; answers how many were claimed. */
  async sendDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (tx) => {
        const due = await this.messages.claimDueReminders(tx, this.clock.now(), BATCH);
        for (const reminder of due) {
          const plan = reminderMailPlan(reminder.kind as ReminderPlan['kind'], reminder.data);
          if (plan) await this.composer.write(tx, reminder.id, plan);
          else this.logger.warn({ reminderId: reminder.id, kind: reminder.kind }, 'reminder of an unknown kind marked sent without mail');
        }
        return due.length;
      });
      total += claimed;
      if (claimed < BATCH) return total;
    }
  }
}
