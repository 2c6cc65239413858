import { describe, expect, it } from 'vitest';
import {
  ActionItem,
  CalendarDay,
  describeValidationError,
  newShortId,
  Person,
  personIdForEmail,
  personIdForName,
} from '../../src/domain/schemas';

describe('schemas', () => {
  it('accepts a well-formed person and names what is wrong with a bad one', () => {
    const person = {
      account: 'me@example.com',
      id: personIdForEmail('Dana.Reyes@Example.com'),
      email: 'dana.reyes@example.com',
      displayName: 'Dana Reyes',
      relationship: 'direct',
      relationshipSource: 'suggested',
      level: 'frontline',
      cadenceDays: 7,
      archived: false,
      updatedAt: 1,
    };
    expect(Person.safeParse(person).success).toBe(true);
    expect(person.id).toBe('email:dana.reyes@example.com');
    const bad = Person.safeParse({ ...person, cadenceDays: 0, level: 'boss' });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const message = describeValidationError(bad.error);
      expect(message).toContain('cadenceDays');
      expect(message).toContain('level');
    }
  });

  it('checks calendar days', () => {
    expect(CalendarDay.safeParse('2026-11-22').success).toBe(true);
    expect(CalendarDay.safeParse('2026-13-01').success).toBe(false);
    expect(CalendarDay.safeParse('22/11/2026').success).toBe(false);
  });

  it('makes short ids that the action item schema accepts', () => {
    let seed = 0.123;
    const random = () => (seed = (seed * 9301 + 49297) % 233280 / 233280);
    const id = newShortId(random);
    expect(id).toMatch(/^[0-9a-z]{8}$/);
    expect(
      ActionItem.safeParse({
        account: 'me@example.com', id, personId: 'email:a@b.c', meetingId: 'm', text: 'Send deck',
        owner: 'me', status: 'open', createdAt: 1, updatedAt: 1,
      }).success,
    ).toBe(true);
  });

  it('normalises provisional name ids', () => {
    expect(personIdForName('  Dana   Reyes ')).toBe('name:dana reyes');
  });
});
