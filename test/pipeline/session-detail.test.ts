import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { decideAll, decideWithProgress } from '../../src/pipeline/decide.js';
import { giveCells, loadFile, readCellsBack } from '../../src/pipeline/prepare.js';
import { fallsOut } from '../../src/core/plan.js';
import { readFileSync } from 'node:fs';
import { memoryTexts, type DecisionTexts, type DecisionTextSource, type TextRow } from '../../src/core/explain.js';
import { byIndex } from '../../src/core/by-index.js';
import { PackedRows, RowArray } from '../../src/core/row-list.js';
import { DecisionSpill } from '../../src/io/decision-spill.js';
import { withEmbeddedSession } from '../helpers/session.js';
import { toArray } from '../helpers/async.js';

function textsOf(source: DecisionTextSource, rows: readonly TextRow[]): Promise<DecisionTexts[]> {
  return toArray(source.textsOf(rows));
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('RunSession.decideInSlices (the --yes run’s match, embedded database)', () => {
  it('keeps resolved rows’ decisions brief and unresolved rows whole, where the wizard’s match keeps all', async () => {
    await withEmbeddedSession('bf-detail-', async (session) => {
      const file = await session.load(join(PACKAGE_ROOT, 'fixtures', 'messy.csv'));
      const prep = await session.prepare(file);
      const headless = await session.decideInSlices(prep, session.thresholds, new Map());
      await prep.prefetch?.stop();
      const wizard = decideAll(prep, session.thresholds, new Map());
      const resolved = headless.decisions.filter((d) => d.status === 'resolved');
      expect(resolved.length).toBeGreaterThan(10);
      for (const d of resolved) {
        expect(d.company!.compared).toEqual({});
        expect(d.person!.compared).toEqual({});
        const full = wizard.decisions[d.index]!;
        expect(Object.keys(full.company!.compared).length).toBeGreaterThan(0);
        expect([d.company!.rule, d.company!.targetId, d.company!.reason]).toEqual([full.company!.rule, full.company!.targetId, full.company!.reason]);
      }
      for (const d of headless.decisions.filter((x) => x.status !== 'resolved')) expect(d).toEqual(wizard.decisions[d.index]);
    });
  });

  it('with a spill: resolved rows keep what the plan reads, and their texts come back as whole decisions give them', async () => {
    await withEmbeddedSession('bf-spill-', async (session) => {
      const file = await session.load(join(PACKAGE_ROOT, 'fixtures', 'messy.csv'));
      const prep = await session.prepare(file);
      const spill = DecisionSpill.open();
      try {
        const headless = await session.decideInSlices(prep, session.thresholds, new Map(), { spill });
        await prep.prefetch?.stop();
        const wizard = decideAll(prep, session.thresholds, new Map());
        const resolved = headless.decisions.filter((d) => d.status === 'resolved');
        expect(resolved.length).toBeGreaterThan(10);
        expect(spill.count).toBe(resolved.length);
        // Nothing after a spilled match reads the lists of the records the file creates: none kept.
        expect([headless.match.newCompanies, headless.match.newPeople]).toEqual([[], []]);
        expect(wizard.match.newPeople.length).toBeGreaterThan(0);
        for (const d of resolved) {
          expect(d.spilled).toBe(true);
          const full = wizard.decisions[d.index]!;
          expect([d.company!.rule, d.company!.targetId, d.person!.rule, d.person!.targetId, d.person!.confidence]).toEqual([full.company!.rule, full.company!.targetId, full.person!.rule, full.person!.targetId, full.person!.confidence]);
        }
        for (const d of headless.decisions.filter((x) => x.status !== 'resolved')) expect(d).toEqual(wizard.decisions[d.index]);
        const planned = session.plan(file, headless, prep.master);
        expect(planned).toEqual(session.plan(file, wizard, prep.master));
        const want = await textsOf(memoryTexts(byIndex(wizard.decisions)), planned.rows);
        expect(want.filter((t) => t.explanation.startsWith('company: ')).length).toBeGreaterThan(10);
        expect(want.filter((t, i) => planned.rows[i]!.status === 'initialized' && (t.companyRunnerUp || t.personRunnerUp)).length).toBeGreaterThan(0);
        expect(await textsOf(headless.texts!, planned.rows)).toEqual(want);
        // Once planned for the commit, the spilled rows' decisions are let go; their texts stay.
        const others = headless.decisions.filter((x) => x.status !== 'resolved');
        const once = session.planOnce(file, headless, prep.master);
        for (const d of resolved) expect(once.decided.decisions[d.index]).toBeUndefined();
        for (const d of others) expect(once.decided.decisions[d.index]).toBe(d);
        expect([headless.match.decisions, headless.match.newCompanies, headless.match.newPeople]).toEqual([[], [], []]);
        expect(wizard.match.newPeople.length).toBeGreaterThan(0);
        expect(await textsOf(once.decided.texts!, once.plan.rows)).toEqual(want);
      } finally {
        spill.close();
      }
    });
  });

  it('packed rows (a load without cells) give the decisions and the plan of the same rows as objects', async () => {
    await withEmbeddedSession('bf-packed-', async (session) => {
      const path = join(PACKAGE_ROOT, 'fixtures', 'messy.csv');
      const a = await session.load(path);
      expect(a.rows).toBeInstanceOf(RowArray);
      const pa = await session.prepare(a);
      const whole = await decideWithProgress(pa, session.thresholds, new Map(), () => {}, { slice: 7 });
      await pa.prefetch?.stop();
      const b = await loadFile(path, session.ctx.resolved, session.nctx, () => {}, { keepCells: false });
      expect(b.rows).toBeInstanceOf(PackedRows);
      expect([...b.rows].map((r) => ({ ...r, source: null }))).toEqual([...a.rows].map((r) => ({ ...r, source: null })));
      const pb = await session.prepare(b);
      const packed = await decideWithProgress(pb, session.thresholds, new Map(), () => {}, { slice: 7 });
      await pb.prefetch?.stop();
      expect(packed.decisions).toEqual(whole.decisions);
      expect(session.plan(b, packed, pb.master)).toEqual(session.plan(a, whole, pa.master));
      // A large file's chunks in a temporary file (forced here): the same rows, decisions and plan.
      const c = await loadFile(path, session.ctx.resolved, session.nctx, () => {}, { keepCells: false, spill: true });
      expect((c.rows as PackedRows).bytesInMemory).toBe(0);
      expect([...c.rows]).toEqual([...b.rows]);
      const pc = await session.prepare(c);
      const spilled = await decideWithProgress(pc, session.thresholds, new Map(), () => {}, { slice: 7 });
      await pc.prefetch?.stop();
      expect(spilled.decisions).toEqual(whole.decisions);
      expect(session.plan(c, spilled, pc.master)).toEqual(session.plan(a, whole, pa.master));
    });
  });

  it('planOnce keeps a SourceRow only for the rows the commit and the reports read: invalid, with issues, or falling out with their cells', async () => {
    await withEmbeddedSession('bf-kept-', async (session) => {
      const path = join(PACKAGE_ROOT, 'fixtures', 'messy.csv');
      const file = await loadFile(path, session.ctx.resolved, session.nctx, () => {}, { keepCells: false });
      const prep = await session.prepare(file);
      const spill = DecisionSpill.open();
      try {
        const decided = await session.decideInSlices(prep, session.thresholds, new Map(), { spill });
        await prep.prefetch?.stop();
        // As the --yes run does: the fallout rows' cells are read back (on the cell worker) while the plan is made.
        const readBack = readCellsBack(file, (i) => !file.rows.head(i).valid || fallsOut(decided.decisions[i]!));
        const rows = [...file.rows.heads()];
        const issues = rows.reduce((n, r) => n + r.issues.length, 0);
        const want = rows.map((r) => !r.valid || r.issues.length > 0 || readBack.rows.has(r.index));
        expect(want.filter((w) => !w).length).toBeGreaterThan(10);
        expect(want.filter((w) => w).length).toBeGreaterThan(5);
        // One clean row kept as well (alsoKeep: here every fallout row has issues, so it is kept anyway).
        const clean = want.indexOf(false);
        const once = session.planOnce(file, decided, prep.master, new Set([...readBack.rows, clean]));
        expect(once.file.rows.map((r, i) => r !== undefined && (i !== clean || r.source === null))).toEqual(want.map((w, i) => w || i === clean));
        expect(once.file.rows.every((r, i) => r === undefined || r.index === i)).toBe(true);
        expect(once.file.rows.filter((r) => r?.source).length).toBe(0);
        giveCells(once.file.rows, await readBack.cells);
        const kept = await loadFile(path, session.ctx.resolved, session.nctx, () => {}, { keepCells: true });
        expect(once.file.rows.flatMap((r) => (r?.source ? [r.index] : []))).toEqual([...readBack.rows]);
        for (const i of readBack.rows) expect(once.file.rows[i]!.source).toEqual(kept.rows.at(i).source);
        // The reports read from what is kept: every issue in validation.csv, every fallout row with its cells.
        const out = await session.finish(once.file, once.decided, once.plan, true);
        const validation = readFileSync(out.reports.validation, 'utf8').trim().split('\n');
        expect(validation.length - 1).toBe(file.fileIssues.length + issues);
        const fallout = readFileSync(out.reports.fallout, 'utf8');
        for (const p of once.plan.rows.filter((x) => x.status === 'unresolved')) expect(fallout).toContain(`,${p.line},`);
      } finally {
        spill.close();
      }
    });
  });

  it('planOnce lets go of the packed rows: nothing the commit keeps (its file, cell source included) holds them', async () => {
    await withEmbeddedSession('bf-release-', async (session) => {
      const file = await loadFile(join(PACKAGE_ROOT, 'fixtures', 'messy.csv'), session.ctx.resolved, session.nctx, () => {}, { keepCells: false });
      expect(file.rows).toBeInstanceOf(PackedRows);
      const packed = new WeakRef(file.rows);
      const prep = await session.prepareOnce(file);
      const decided = await session.decideInSlices(prep, session.thresholds, new Map());
      await prep.prefetch?.stop();
      const once = session.planOnce(file, decided, { companies: [], people: [] });
      await new Promise<void>((resolve) => setImmediate(resolve)); // a WeakRef is cleared after the job that read it
      gc();
      expect(once.file.cells).not.toBeNull();
      expect(prep.file.rows.length).toBe(0);
      expect(packed.deref()).toBeUndefined();
    });
  });
});
