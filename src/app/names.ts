// How a person is named where only their id is at hand (an owed item, a CSV row, a target).
import type { Person } from '../domain/schemas';

export type PeopleIndex = ReadonlyMap<string, Person>;

export function indexPeople(people: readonly Person[]): PeopleIndex {
  return new Map(people.map((person) => [person.id, person]));
}

/** The person an id stands for now: merged records lead to the person they were merged into. */
export function resolvePerson(people: PeopleIndex, personId: string): Person | undefined {
  let person = people.get(personId);
  // A chain of merges is short; the bound keeps a cycle in damaged data from hanging the page.
  for (let hops = 0; person?.mergedInto !== undefined && hops < 8; hops++) {
    const next = people.get(person.mergedInto);
    if (!next) break;
    person = next;
  }
  return person;
}

/** The person's name, or what the id says (`email:dana@example.com` → dana@example.com). */
export function personName(people: PeopleIndex, personId: string): string {
  const person = resolvePerson(people, personId);
  if (person) return person.displayName;
  return personId.replace(/^(email|name):/, '');
}
