import { describe, expect, it } from 'vitest';
import type { RecordUpdate } from '../../src/core/plan.js';
import { COMPANY_SPEC, PERSON_SPEC, prepareUpdates } from '../../src/db/commit-updates.js';

const lines = (chunks: Iterable<string> | AsyncIterable<string>): string[][] =>
  [...(chunks as Iterable<string>)] // prepareCopy gives a synchronous generator
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));

describe('the locked UPDATE’s temp table rows', () => {
  it('are written in id order, whatever the plan’s order (the UPDATE probes the primary key in that order)', () => {
    const u = (id: string, name: string): RecordUpdate<'company_name' | 'domain' | 'website_url'> => ({ id, proposed: { company_name: name }, firstRow: 0, laterBy: null, applied: [], skipped: [] });
    const plan = [u('C10', 'ten'), u('C02', 'two'), u('C1', 'one'), u('C100', 'hundred')];
    const copy = prepareUpdates(COMPANY_SPEC, plan, (ref) => ref);
    expect(lines(copy.chunks).map((l) => l.slice(0, 2))).toEqual([
      ['C02', 'two'],
      ['C1', 'one'],
      ['C10', 'ten'],
      ['C100', 'hundred'],
    ]);
    expect(copy.rows).toBe(4);
    expect(plan.map((x) => x.id)).toEqual(['C10', 'C02', 'C1', 'C100']); // the plan's own list is not reordered
  });

  it('carry a person’s company as the id drawn for it when the file creates the company', () => {
    const p: RecordUpdate<(typeof PERSON_SPEC.fields)[number]> = { id: 'P1', proposed: { company_unique_id: 'new:company:0', email: 'a@b.co' }, firstRow: 0, laterBy: null, applied: [], skipped: [] };
    const [row] = lines(prepareUpdates(PERSON_SPEC, [p], (ref) => (ref === 'new:company:0' ? 'C-NEW' : ref)).chunks);
    expect(row).toEqual(['P1', 'C-NEW', '\\N', '\\N', '\\N', '\\N', 'a@b.co', '\\N', '\\N']);
  });
});
