import { join } from 'node:path';
import { registeredCatalogueProblems, registeredCatalogues } from '@exchange/platform';
import { errorModulePaths, missingErrorTexts } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';

/**
 * Every text a person reads from the cohorts service exists in English, Korean and Russian. The app
 * module imports every capability, and each registers its catalogues as it loads: a catalogue added
 * later is checked here without listing it.
 */
describe('the cohorts service in three languages', () => {
  it('registers its catalogues through its app module, and each renders every code in every language', () => {
    expect(AppModule).toBeDefined();
    expect([...registeredCatalogues().keys()]).toEqual(expect.arrayContaining(['platform.problems', 'platform.problem-titles', 'platform.field-errors', 'cohorts.cohort-errors', 'cohorts.offer-errors', 'cohorts.pitch-group-errors']));
    expect(registeredCatalogueProblems()).toEqual([]);
  });

  const modules = errorModulePaths(join(__dirname, '../src'));

  it('finds its error modules', () => {
    expect(modules.length).toBeGreaterThan(0);
  });

  it.each(modules.map((path) => [path.slice(path.indexOf('/src/') + 1), path]))('%s has a text in each language for every code', async (_name, path) => {
    const exports = (await import(path)) as Record<string, unknown>;
    expect(missingErrorTexts(path, exports)).toEqual([]);
  });
});
