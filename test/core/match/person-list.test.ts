import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedPeople } from '../../../src/core/match/person-list.js';
import type { PersonEntry } from '../../../src/core/match/master-index.js';

const text = fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }));
const anyPerson = (i: number): fc.Arbitrary<PersonEntry> =>
  fc.record({
    companyId: text,
    fullName: fc.string({ maxLength: 20 }),
    nameKey: fc.string({ maxLength: 20 }),
    firstKey: text,
    lastKey: text,
    emails: fc.array(fc.emailAddress(), { maxLength: 3 }),
    linkedin: text,
    title: text,
    titleKey: text,
  }).map(({ emails, ...p }) => ({ id: `P${i}`, ...p, email: emails[0] ?? null, otherEmails: emails.length > 1 ? emails.slice(1) : null }));

describe('packed people', () => {
  it('give back each person whole and field by field, as it was put (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => anyPerson(i)))), (people) => {
        const packed = new PackedPeople();
        people.forEach((p, i) => expect(packed.push(p)).toBe(i));
        packed.compact();
        expect(packed.length).toBe(people.length);
        expect([...packed]).toEqual(people);
        people.forEach((p, i) => {
          expect(packed.at(i)).toEqual(p);
          expect(packed.at(i)).not.toBe(packed.at(i)); // a new object each read: the caller may keep it
          expect([packed.nameKey(i), packed.companyId(i), packed.linkedin(i), packed.id(i)]).toEqual([p.nameKey, p.companyId, p.linkedin, p.id]);
          for (const e of [...(p.email ? [p.email] : []), ...(p.otherEmails ?? []), 'nobody@example.com']) {
            expect(packed.hasEmail(i, e)).toBe(e === p.email || (p.otherEmails?.includes(e) ?? false));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('an unknown person is a RangeError naming the size', () => {
    const packed = new PackedPeople();
    expect(() => packed.at(0)).toThrow(/no person 0 \(0 people\)/);
    expect(() => packed.nameKey(2)).toThrow(RangeError);
    expect(() => packed.companyId(-1)).toThrow(RangeError);
  });
});
