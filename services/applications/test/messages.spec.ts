import { join } from 'node:path';
import { describeThreeLanguages } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';

/**
 * Every text a person reads from the applications service exists in English, Korean and Russian. The app
 * module imports every capability, and each registers its catalogues as it loads: a catalogue added
 * later is checked here without listing it.
 */
describeThreeLanguages('applications', AppModule, join(__dirname, '../src'), [
  'applications.application-errors',
  'applications.programme-errors',
  'applications.review-errors',
  'applications.decision-errors',
  'applications.identity-errors',
  'applications.startup-errors',
  'applications.application-status',
  'messaging.outbox-errors',
  // Issue 17: eligibility failures, the flags raised on applications, certification bodies' and agreements' errors.
  'eligibility',
  'certifications.flags',
  'certifications.errors',
  'applications.agreement-errors',
  // Issue 18: business missions' errors and the reasons a meeting is proposed.
  'applications.mission-errors',
  'applications.meeting-reasons',
]);
