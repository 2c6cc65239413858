import type { PersonView } from './view-model';

/** The person's name as shown in full ("Dana Reyes"), or the email when no name is known. */
export function fullName(person: PersonView): string {
  const name = person.displayName.trim();
  if (name !== '') return name;
  return person.email?.trim() || 'this person';
}

/**
 * What a sentence calls them: the first name ("Dana" for "Dana Reyes", and for "Reyes, Dana"),
 * or the whole email when only that is known (a guessed name from an address is often wrong).
 */
export function shortName(person: PersonView): string {
  const name = fullName(person);
  if (name.includes('@')) return name;
  const comma = name.indexOf(',');
  const given = comma >= 0 ? name.slice(comma + 1).trim() : name;
  return given.split(/\s+/)[0] || name;
}
