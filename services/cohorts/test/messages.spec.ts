import { join } from 'node:path';
import { describeThreeLanguages } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';

/**
 * Every text a person reads from the cohorts service exists in English, Korean and Russian. The app
 * module imports every capability, and each registers its catalogues as it loads: a catalogue added
 * later is checked here without listing it.
 */
describeThreeLanguages('cohorts', AppModule, join(__dirname, '../src'), ['cohorts.cohort-errors', 'cohorts.offer-errors', 'cohorts.pitch-group-errors', 'cohorts.pitch-day-errors', 'cohorts.pitch-results']);
