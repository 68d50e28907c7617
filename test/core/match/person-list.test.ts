import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedPeople, PersonArray } from '../../../src/core/match/person-list.js';
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
  it('give back each person whole and field by field, as the list of objects does (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => anyPerson(i)))), (people) => {
        const packed = new PackedPeople();
        const objects = new PersonArray();
        for (const p of people) expect(packed.push(p)).toBe(objects.push(p));
        packed.compact();
        expect([...packed]).toEqual([...objects]);
        people.forEach((p, i) => {
          expect(packed.at(i)).toEqual(p);
          expect(packed.at(i)).not.toBe(packed.at(i)); // a new object each read: the caller may keep it
          expect([packed.nameKey(i), packed.companyId(i), packed.linkedin(i), packed.id(i)]).toEqual([p.nameKey, p.companyId, p.linkedin, p.id]);
          for (const e of [...(p.email ? [p.email] : []), ...(p.otherEmails ?? []), 'nobody@example.com']) {
            expect(packed.hasEmail(i, e)).toBe(objects.hasEmail(i, e));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('an unknown person is a RangeError naming the size, in either list', () => {
    const packed = new PackedPeople();
    const objects = new PersonArray();
    for (const l of [packed, objects]) {
      expect(() => l.at(0)).toThrow(/no person 0 \(0 people\)/);
      expect(() => l.nameKey(2)).toThrow(RangeError);
      expect(() => l.companyId(-1)).toThrow(RangeError);
    }
  });
});
