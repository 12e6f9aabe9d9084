import { join } from 'node:path';
import { describeThreeLanguages } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';

/**
 * Every text a person reads from the pilots service exists in English, Korean and Russian. The app
 * module imports every capability, and each registers its catalogues as it loads: a catalogue added
 * later is checked here without listing it.
 */
describeThreeLanguages('pilots', AppModule, join(__dirname, '../src'), [
  'pilots.pilot-errors',
  'pilots.site-errors',
  'pilots.proposal-errors',
  // Issue 17: open calls' errors and the match reasons (the answered open call among them).
  'pilots.open-call-errors',
  'pilots.match-reasons',
]);
