import type { ConsoleLanguage, ConsolePerson } from '../console-person';

/**
 * The texts a role's screens show, in the languages the journey's people of that role read. A
 * person in another language has no texts here: the test says so instead of guessing.
 */
export type TextsByLanguage<T> = Partial<Record<ConsoleLanguage, T>>;

export function textsFor<T>(person: ConsolePerson, texts: TextsByLanguage<T>): T {
  const found = texts[person.profile.language];
  if (!found) throw new Error(`no ${person.profile.language} texts for ${person.profile.name}'s screens in this test`);
  return found;
}

/** The part of a page headed by `heading`: the innermost `<section>` holding that heading. */
export function section(person: ConsolePerson, heading: string) {
  const page = person.page;
  return page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: heading, exact: true }) })
    .last();
}
