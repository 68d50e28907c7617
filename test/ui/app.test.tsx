import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildReviewQueue } from '../../src/core/review.js';
import type { ReviewChoice, RowDecision } from '../../src/core/types.js';
import type { PipelineEvent } from '../../src/pipeline/events.js';
import { CsvUnusableError, InterruptedError } from '../../src/errors.js';
import { App } from '../../src/ui/App.js';
import type { CommitView, DecideView, LoadView, PlanView, WizardBackend } from '../../src/ui/backend.js';
import { memorySettings, type StoredThresholds } from '../../src/ui/settings-store.js';
import { borderline, matched, rowDecision } from './fixtures.js';
import { KEY, settle, tick, waitFor } from './helpers.js';

afterEach(() => cleanup());

const T = { companyAuto: 0.9, personAuto: 0.88, reviewFloor: 0.75 };

/** A backend without a database: three borderline companies; a review decision resolves its row. */
class FakeBackend implements WizardBackend {
  readonly databaseLabel = 'fake database';
  readonly dryRun = false;
  decideCalls: { t: StoredThresholds; reviews: Map<string, ReviewChoice> }[] = [];
  committed: Map<string, ReviewChoice> | null = null;
  commitGate: Promise<void> = Promise.resolve();
  loadError: Error | null = null;

  async load(file: string): Promise<LoadView> {
    await tick(5);
    if (this.loadError) throw this.loadError;
    return { path: file, sha256: 'sha-1', encoding: 'utf-8', rows: 4, valid: 4, errors: 0, warnings: 0, mapping: [{ canonical: 'company_name', header: 'Company', required: true }], unknownHeaders: [], issues: [] };
  }
  async prepare(): Promise<void> {
    await tick(5);
  }
  decisions(t: StoredThresholds, reviews: ReadonlyMap<string, ReviewChoice>): RowDecision[] {
    return ['a', 'b', 'c'].map((k, i) => {
      const score = 0.86 - i * 0.03;
      const c = borderline('company', k, score);
      const choice = reviews.get(c.reviewKey!);
      const d = choice === 'accept' ? { ...c, outcome: 'matched' as const } : choice === 'reject' ? { ...c, outcome: 'new' as const } : c;
      return rowDecision(i, score >= t.companyAuto ? { ...d, outcome: 'matched' as const } : d, matched('person', `P${i}`));
    });
  }
  async decide(t: StoredThresholds, reviews: ReadonlyMap<string, ReviewChoice>): Promise<DecideView> {
    this.decideCalls.push({ t, reviews: new Map(reviews) });
    const ds = this.decisions(t, reviews);
    const b = ds.filter((d) => d.company!.outcome === 'borderline').length;
    return {
      counts: { perfect: 3, autoFuzzy: ds.length - b, borderline: b, new: 0, fallout: b },
      scores: { company: [0.86, 0.83, 0.8], person: [] },
      perfect: 3,
      queue: buildReviewQueue(ds, { ...t, nearTieMargin: 0.02 }, new Set(reviews.keys())),
    };
  }
  row() {
    return undefined;
  }
  plan(): PlanView {
    const z = { matched: 0, created: 0, updated: 0 };
    return {
      counts: { rows: { loaded: 4, valid: 4, errors: 0, warnings: 0, processed: 3, duplicates: 0 }, companies: z, people: z, baselines: { bit: 0, tf: 0, signals: 0 }, issues: { unresolved: 1, locked_field_skips: 0, errors: 0 }, statuses: {} as never },
      skipped: [],
      dryRun: false,
      database: 'fake database',
    };
  }
  async commit(onProgress: (e: never) => void, signal: AbortSignal): Promise<CommitView> {
    this.committed = new Map(this.decideCalls.at(-1)!.reviews);
    onProgress({ phase: 'commit', done: 1, total: 9, unit: 'steps', message: 'ids' } as never);
    await this.commitGate;
    if (signal.aborted) throw new InterruptedError('interrupted during the commit; everything was rolled back, nothing was written');
    return {
      summary: { process_id: 'PRC-TEST', worker_id: 'w', dry_run: false, rows: { loaded: 4, valid: 4, errors: 0, warnings: 0, processed: 3, duplicates: 0 }, companies: { matched: 2, created: 1, updated: 0 }, people: { matched: 3, created: 0, updated: 0 }, baselines: { bit: 0, tf: 3, signals: 0 }, issues: { unresolved: 1, locked_field_skips: 0, errors: 0 } } as never,
      reports: { dir: '/r', summary: '/r/summary.json', decisions: '/r/decisions.csv', fallout: '/r/fallout.csv', validation: '/r/validation.csv' },
    };
  }
  async close(): Promise<void> {}
}

function setup(opts: { backend?: FakeBackend; file?: string | null; settings?: ReturnType<typeof memorySettings> } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'bf-app-'));
  writeFileSync(join(cwd, 'legacy.csv'), 'company_name,full_name\nAcme,John\n');
  const backend = opts.backend ?? new FakeBackend();
  const settings = opts.settings ?? memorySettings();
  const onExit = vi.fn();
  const initialFile = opts.file === 'legacy.csv' ? join(cwd, 'legacy.csv') : (opts.file ?? null);
  const r = render(<App backend={backend} settings={settings} cwd={cwd} initialFile={initialFile} initialThresholds={T} onExit={onExit} />);
  return { ...r, backend, settings, onExit, cwd };
}

async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    await settle();
    stdin.write(k);
  }
  await settle();
}

async function closeHelp(stdin: { write(s: string): void }, lastFrame: () => string | undefined): Promise<void> {
  await press(stdin, '?');
  await waitFor(() => expect(lastFrame()).not.toContain('Keys:'));
  await tick(30);
}

describe('App', () => {
  it('goes through every screen: file, validation, thresholds, review (accept, reject, defer, undo), commit', async () => {
    const { lastFrame, stdin, backend, onExit, settings, cwd } = setup();
    await waitFor(() => expect(lastFrame()).toContain('legacy.csv'));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/Rows 4 valid 4/));
    await waitFor(() => expect(settings.recentFiles()).toEqual([join(cwd, 'legacy.csv')]));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/borderline 3/));
    // Live counts: lowering the company threshold to 0.86 auto-matches one more.
    await press(stdin, KEY.left, KEY.left, KEY.left, KEY.left);
    await waitFor(() => expect(lastFrame()).toMatch(/< 0\.86 >/));
    await waitFor(() => expect(lastFrame()).toMatch(/auto fuzzy 1\s+borderline 2/));
    await waitFor(() => expect(settings.lastThresholds()?.companyAuto).toBe(0.86));
    await press(stdin, KEY.right, KEY.right, KEY.right, KEY.right);
    await waitFor(() => expect(lastFrame()).toMatch(/borderline 3/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/1 of 3 company at line 2/));
    await press(stdin, 'a');
    await waitFor(() => expect(lastFrame()).toMatch(/2 of 3 company at line 3/));
    await press(stdin, 'r');
    await waitFor(() => expect(lastFrame()).toMatch(/3 of 3 company at line 4/));
    await press(stdin, 'd');
    await waitFor(() => expect(lastFrame()).toMatch(/decided 3\/3: accepted 1 rejected 1 deferred 1/));
    await waitFor(() => expect(settings.reviews('sha-1')).toEqual({ 'company:a': 'accept', 'company:b': 'reject', 'company:c': 'defer' }));
    // Undo the first decision (not the last): u, down twice, Enter.
    await press(stdin, 'u');
    await waitFor(() => expect(lastFrame()).toContain('Undo which decision?'));
    await press(stdin, KEY.down, KEY.down, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/1 of 3 company at line 2/));
    expect(lastFrame()).toContain('UNDECIDED');
    await waitFor(() => expect(settings.reviews('sha-1')).toEqual({ 'company:b': 'reject', 'company:c': 'defer' }));
    await press(stdin, 'a', KEY.enter);
    await waitFor(() => expect(lastFrame()).toContain('Write to fake database?'));
    await press(stdin, 'y');
    await waitFor(() => expect(lastFrame()).toContain('Process ID: PRC-TEST'));
    expect(backend.committed).toEqual(new Map([['company:a', 'accept'], ['company:b', 'reject'], ['company:c', 'defer']]));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(onExit).toHaveBeenCalledWith({ code: 0, problem: null }));
  });

  it('shows the match’s progress (rows, rate, ETA) while the rows are being matched', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    class SlowBackend extends FakeBackend {
      override async decide(t: StoredThresholds, reviews: ReadonlyMap<string, ReviewChoice>, onProgress?: (e: PipelineEvent) => void): Promise<DecideView> {
        onProgress?.({ phase: 'match', done: 2000, total: 10000, unit: 'rows', ratePerS: 1000, etaS: 8 });
        await gate;
        return super.decide(t, reviews);
      }
    }
    const { lastFrame, stdin } = setup({ file: 'legacy.csv', backend: new SlowBackend() });
    await waitFor(() => expect(lastFrame()).toMatch(/Rows 4/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toContain('matching: match 2,000 of 10,000 rows 1,000 rows/s eta 8s'));
    release();
    await waitFor(() => expect(lastFrame()).toMatch(/borderline 3/));
    expect(lastFrame()).not.toContain('matching');
  });

  it('restores review decisions saved for the same file (by sha256)', async () => {
    const settings = memorySettings();
    settings.saveReviews('sha-1', { 'company:a': 'accept', 'company:b': 'defer' });
    const { lastFrame, stdin } = setup({ file: 'legacy.csv', settings });
    await waitFor(() => expect(lastFrame()).toMatch(/Rows 4/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/borderline 2/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/decided 2\/3: accepted 1 rejected 0 deferred 1/));
    expect(lastFrame()).toMatch(/3 of 3/);
  });

  it('? shows the keys on every screen; Esc goes back; q quits with 130 and nothing written', async () => {
    const { lastFrame, stdin, onExit, backend } = setup();
    await waitFor(() => expect(lastFrame()).toContain('legacy.csv'));
    await press(stdin, '?');
    await waitFor(() => expect(lastFrame()).toContain('Keys: File'));
    expect(lastFrame()).toContain('quit: nothing is written');
    await press(stdin, KEY.esc);
    await waitFor(() => expect(lastFrame()).not.toContain('Keys: File'));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/Rows 4/));
    await press(stdin, '?');
    await waitFor(() => expect(lastFrame()).toContain('Keys: Validation'));
    await closeHelp(stdin, lastFrame);
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/\[3 Thresholds\]/));
    await press(stdin, '?');
    await waitFor(() => expect(lastFrame()).toContain('Keys: Thresholds'));
    await closeHelp(stdin, lastFrame);
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/\[4 Review\]/));
    await press(stdin, '?');
    await waitFor(() => expect(lastFrame()).toContain('Keys: Review'));
    await closeHelp(stdin, lastFrame);
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/\[5 Commit\]/));
    await press(stdin, '?');
    await waitFor(() => expect(lastFrame()).toContain('Keys: Commit'));
    await closeHelp(stdin, lastFrame);
    await press(stdin, KEY.esc);
    await waitFor(() => expect(lastFrame()).toMatch(/\[4 Review\]/));
    await press(stdin, KEY.esc);
    await waitFor(() => expect(lastFrame()).toMatch(/\[3 Thresholds\]/));
    await press(stdin, 'q');
    await waitFor(() => expect(onExit).toHaveBeenCalledWith({ code: 130, problem: null }));
    expect(backend.committed).toBeNull();
  });

  it('q and ? are typed into the path input, not taken as commands', async () => {
    const { lastFrame, stdin, onExit } = setup();
    await waitFor(() => expect(lastFrame()).toContain('legacy.csv'));
    await press(stdin, '/');
    await waitFor(() => expect(lastFrame()).toContain('Path: type a path'));
    await press(stdin, 'q');
    await waitFor(() => expect(lastFrame()).toContain('Path: q'));
    await press(stdin, '?');
    await waitFor(() => expect(lastFrame()).toContain('Path: q?'));
    expect(onExit).not.toHaveBeenCalled();
    await press(stdin, KEY.ctrlC);
    await waitFor(() => expect(onExit).toHaveBeenCalledWith({ code: 130, problem: null }));
  });

  it('an unreadable path says why and stays on the file screen', async () => {
    const { lastFrame, stdin } = setup();
    await waitFor(() => expect(lastFrame()).toContain('legacy.csv'));
    await press(stdin, '/');
    await waitFor(() => expect(lastFrame()).toContain('Path: type a path'));
    let typed = '';
    for (const ch of 'missing.csv') {
      await press(stdin, ch);
      typed += ch;
      await waitFor(() => expect(lastFrame()).toContain(`Path: ${typed}`));
    }
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/Cannot open: .*missing\.csv: no such file/));
    expect(lastFrame()).toMatch(/\[1 File\]/);
  });

  it('a CSV missing required columns cannot continue', async () => {
    const backend = new FakeBackend();
    backend.loadError = new CsvUnusableError('required columns missing: full_name', 'add the column');
    const { lastFrame, stdin } = setup({ backend });
    await waitFor(() => expect(lastFrame()).toContain('legacy.csv'));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toContain('required columns missing: full_name'));
    await press(stdin, KEY.enter);
    await tick(50);
    expect(lastFrame()).toMatch(/\[2 Validation\]/);
    await press(stdin, KEY.esc);
    await waitFor(() => expect(lastFrame()).toMatch(/\[1 File\]/));
  });

  it('Ctrl-C during the commit aborts it (rolled back) and exits 130', async () => {
    const backend = new FakeBackend();
    let release!: () => void;
    backend.commitGate = new Promise<void>((r) => (release = r));
    const { lastFrame, stdin, onExit } = setup({ backend, file: 'legacy.csv' });
    await waitFor(() => expect(lastFrame()).toMatch(/Rows 4/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/borderline 3/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/\[4 Review\]/));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toContain('Write to fake database?'));
    await press(stdin, KEY.enter);
    await waitFor(() => expect(lastFrame()).toContain('commit 1 of 9 steps'));
    await press(stdin, KEY.ctrlC);
    await waitFor(() => expect(lastFrame()).toContain('rolling back'));
    release();
    await waitFor(() => expect(onExit).toHaveBeenCalledWith(expect.objectContaining({ code: 130 })));
  });
});
