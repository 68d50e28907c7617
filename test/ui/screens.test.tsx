import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { emptyReview, reviewReducer, type ReviewState } from '../../src/core/review.js';
import type { Issue } from '../../src/core/types.js';
import type { LoadView, PlanView } from '../../src/ui/backend.js';
import { CommitScreen } from '../../src/ui/screens/CommitScreen.js';
import { FileScreen } from '../../src/ui/screens/FileScreen.js';
import { ReviewScreen } from '../../src/ui/screens/ReviewScreen.js';
import { ThresholdsScreen } from '../../src/ui/screens/ThresholdsScreen.js';
import { ValidationScreen } from '../../src/ui/screens/ValidationScreen.js';
import { initialWizard, type WizardState } from '../../src/ui/wizard-state.js';
import { KEY, settle, tick, waitFor } from './helpers.js';
import { item } from './fixtures.js';

afterEach(() => cleanup());

const T = { companyAuto: 0.9, personAuto: 0.88, reviewFloor: 0.75 };

// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined): string => (s ?? '').replace(/\u001B\[[0-9;]*m/g, '');

/** Every line of a frame fits the width (layout holds at 80 columns). */
function fitsWidth(frame: string | undefined, width = 80): boolean {
  return (frame ?? '').split('\n').every((l) => l.length <= width);
}

describe('FileScreen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bf-file-'));
  writeFileSync(join(dir, 'alpha.csv'), 'company_name,full_name\n');
  writeFileSync(join(dir, 'beta.csv'), 'company_name,full_name\n');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'gamma.csv'), 'x\n');

  function mount(extra: Partial<Parameters<typeof FileScreen>[0]> = {}) {
    const onChoose = vi.fn();
    const onTextMode = vi.fn();
    const r = render(
      <FileScreen cwd={dir} recent={['/elsewhere/old.csv']} csvs={['alpha.csv', 'beta.csv']} error={null} width={80} height={21} active onChoose={onChoose} onTextMode={onTextMode} {...extra} />,
    );
    return { ...r, onChoose, onTextMode };
  }

  it('lists recent files and the CSVs of the working directory; Enter opens the chosen one', async () => {
    const { lastFrame, stdin, onChoose } = mount();
    expect(lastFrame()).toContain('recent /elsewhere/old.csv');
    expect(lastFrame()).toContain('here   alpha.csv');
    expect(lastFrame()).toMatch(/> recent/);
    await settle();
    stdin.write(KEY.down);
    await waitFor(() => expect(lastFrame()).toMatch(/> here\s+alpha\.csv/));
    await settle();
    stdin.write(KEY.down);
    await waitFor(() => expect(lastFrame()).toMatch(/> here\s+beta\.csv/));
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onChoose).toHaveBeenCalledWith(join(dir, 'beta.csv')));
  });

  it('types a path with Tab completion into subdirectories, and tells the app keys are text', async () => {
    const { lastFrame: raw, stdin, onChoose, onTextMode } = mount();
    const lastFrame = () => plain(raw());
    await settle();
    stdin.write('/');
    await waitFor(() => expect(lastFrame()).toContain('> Path: type a path'));
    await waitFor(() => expect(onTextMode).toHaveBeenCalledWith(true));
    await settle();
    stdin.write('s');
    await waitFor(() => expect(lastFrame()).toContain('Path: s'));
    await settle();
    stdin.write('u');
    await waitFor(() => expect(lastFrame()).toContain('Path: su'));
    await settle();
    stdin.write(KEY.tab);
    await waitFor(() => expect(lastFrame()).toContain('sub/'));
    await settle();
    stdin.write(KEY.tab);
    await waitFor(() => expect(lastFrame()).toContain('sub/gamma.csv'));
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onChoose).toHaveBeenCalledWith(join(dir, 'sub', 'gamma.csv')));
    await settle();
    stdin.write(KEY.esc);
    await waitFor(() => expect(lastFrame()).toContain('press / to type a path'));
  });

  it('shows several completions when the prefix is ambiguous', async () => {
    const { lastFrame: raw, stdin } = mount({ recent: [], csvs: [] });
    const lastFrame = () => plain(raw());
    await waitFor(() => expect(lastFrame()).toContain('type a path'));
    await settle();
    stdin.write('a');
    await waitFor(() => expect(lastFrame()).toContain('Path: a'));
    await settle();
    stdin.write(KEY.tab);
    await waitFor(() => expect(lastFrame()).toContain('alpha.csv'));
    const d = mkdtempSync(join(tmpdir(), 'bf-amb-'));
    writeFileSync(join(d, 'one.csv'), '');
    writeFileSync(join(d, 'other.csv'), '');
    cleanup();
    const r = render(<FileScreen cwd={d} recent={[]} csvs={[]} error={null} width={80} height={21} active onChoose={() => {}} onTextMode={() => {}} />);
    await settle();
    r.stdin.write('o');
    await waitFor(() => expect(plain(r.lastFrame())).toContain('Path: o'));
    await settle();
    r.stdin.write(KEY.tab);
    await waitFor(() => expect(r.lastFrame()).toMatch(/one\.csv\s+other\.csv/));
  });

  it('says why a chosen file cannot be read', () => {
    const { lastFrame } = mount({ error: '/x.csv: permission denied (the file is not readable by this user)' });
    expect(lastFrame()).toContain('Cannot open: /x.csv: permission denied');
  });
});

function loadView(issues: number): LoadView {
  const list: Issue[] = Array.from({ length: issues }, (_, i) => ({
    code: i % 3 === 0 ? 'required_missing' : 'email_invalid',
    line: i + 2,
    column: i % 3 === 0 ? 'full_name' : 'email',
    severity: i % 3 === 0 ? 'error' : 'warning',
    message: i % 3 === 0 ? 'full_name is empty: the row cannot be imported' : `email "bad${i}" is not a valid address and was dropped, which is a long message that must be cut at the edge`,
  }));
  return {
    path: '/data/legacy.csv',
    sha256: 'f'.repeat(64),
    encoding: 'utf-8',
    rows: 1500,
    valid: 1480,
    errors: 20,
    warnings: 112,
    mapping: [
      { canonical: 'company_name', header: 'Company', required: true },
      { canonical: 'company_domain', header: null, required: false },
      { canonical: 'full_name', header: 'Full Name', required: true },
      { canonical: 'email', header: 'Email Address', required: false },
    ],
    unknownHeaders: ['Favourite Colour'],
    issues: list,
  };
}

function loadedState(view: LoadView | null, over: Partial<WizardState> = {}): WizardState {
  return { ...initialWizard(T), screen: 'validation', file: '/data/legacy.csv', load: { status: 'ready', view, problem: null }, prepare: { status: 'ready', problem: null }, work: null, ...over };
}

describe('ValidationScreen', () => {
  it('shows counts, the header mapping and a scrollable table of problems', async () => {
    const onContinue = vi.fn();
    const { lastFrame, stdin } = render(<ValidationScreen state={loadedState(loadView(30))} width={80} height={21} active onContinue={onContinue} />);
    const f = lastFrame()!;
    expect(f).toMatch(/Rows 1,500 valid 1,480 errors 20 warnings 112/);
    expect(f).toContain('company_name* ← Company');
    expect(f).toContain('company_domain ← -');
    expect(f).toContain('kept, not mapped: Favourite Colour');
    expect(f).toMatch(/Problems 1-8 of 30/);
    expect(f).toMatch(/\s2 full_name\s+required_missing\s+ERR\s+full_name is empty/);
    expect(fitsWidth(f)).toBe(true);
    await settle();
    stdin.write(KEY.down);
    await waitFor(() => expect(lastFrame()).toMatch(/Problems 2-9 of 30/));
    await settle();
    stdin.write(KEY.pgDown);
    await waitFor(() => expect(lastFrame()).toMatch(/Problems 10-17 of 30/));
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onContinue).toHaveBeenCalled());
  });

  it('a CSV missing required columns shows why and offers only going back', () => {
    const s = loadedState(null, { load: { status: 'unusable', view: null, problem: { message: 'required columns missing: full_name (found: Company, Email)', hint: 'rename a column' } } });
    const { lastFrame } = render(<ValidationScreen state={s} width={80} height={21} active onContinue={() => {}} />);
    expect(lastFrame()).toContain('ERROR: this file cannot be imported');
    expect(lastFrame()).toContain('required columns missing: full_name');
    expect(lastFrame()).toContain('hint: rename a column');
    expect(lastFrame()).toContain('Esc: choose another file');
  });

  it('shows progress with counts while the file loads', () => {
    const s = loadedState(null, { load: { status: 'loading', view: null, problem: null }, work: { label: 'reading the file', event: { phase: 'read', done: 5000, total: null, unit: 'rows', message: '42%' } } });
    const { lastFrame } = render(<ValidationScreen state={s} width={80} height={21} active onContinue={() => {}} />);
    expect(lastFrame()).toContain('reading the file: read 5,000 rows (42%)');
  });
});

describe('ThresholdsScreen', () => {
  it('shows the values, the live counts and a histogram with the thresholds marked; arrows change values', async () => {
    const onAdjust = vi.fn();
    const onSelect = vi.fn();
    const onContinue = vi.fn();
    const decided = { counts: { perfect: 900, autoFuzzy: 120, borderline: 48, new: 300, fallout: 30 }, scores: { company: [0.76, 0.8, 0.8, 0.91], person: [0.87, 0.5] }, perfect: 900, queue: [] };
    const { lastFrame, stdin } = render(
      <ThresholdsScreen thresholds={T} selected="personAuto" decided={decided} busy={null} width={80} active onSelect={onSelect} onAdjust={onAdjust} onContinue={onContinue} />,
    );
    const f = lastFrame()!;
    expect(f).toMatch(/> Person auto-match\s+< 0\.88 >/);
    expect(f).toMatch(/perfect 900\s+auto fuzzy 120\s+borderline 48\s+new 300\s+fallout 30/);
    const marks = f.split('\n').find((l) => /^\s+F.*P.*C/.test(l));
    expect(marks).toBeDefined();
    expect(fitsWidth(f)).toBe(true);
    await settle();
    stdin.write(KEY.right);
    await waitFor(() => expect(onAdjust).toHaveBeenLastCalledWith(0.01));
    await settle();
    stdin.write(KEY.left);
    await waitFor(() => expect(onAdjust).toHaveBeenLastCalledWith(-0.01));
    await settle();
    stdin.write(KEY.down);
    await waitFor(() => expect(onSelect).toHaveBeenLastCalledWith(1));
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onContinue).toHaveBeenCalled());
  });
});

describe('ReviewScreen', () => {
  function state(): ReviewState {
    return reviewReducer(emptyReview, { type: 'sync', items: [item('acme', 0.02, 7), item('beta', 0.1, 9)] });
  }
  function mount(review: ReviewState) {
    const fns = { onDecide: vi.fn(), onUndo: vi.fn(), onMove: vi.fn(), onContinue: vi.fn(), onModal: vi.fn() };
    const r = render(<ReviewScreen review={review} thresholds={T} row={() => undefined} busy={null} width={80} height={21} active {...fns} />);
    return { ...r, ...fns };
  }

  it('shows one borderline match: progress, incoming vs candidate field by field with scores, rule, runner-up', () => {
    const { lastFrame } = mount(state());
    const f = lastFrame()!;
    expect(f).toMatch(/1 of 2 company at line 7/);
    expect(f).toContain('UNDECIDED');
    expect(f).toContain('rule company.name_fuzzy');
    expect(f).toMatch(/name\s+Incoming acme\s+Cand acme\s+0\.88/);
    expect(f).toMatch(/Runner-up: Runner acme \(R-acme\) 0\.83/);
    expect(fitsWidth(f)).toBe(true);
  });

  it('a, r, d decide; arrows move; Enter continues', async () => {
    const { stdin, onDecide, onMove, onContinue } = mount(state());
    for (const [k, c] of [['a', 'accept'], ['r', 'reject'], ['d', 'defer']] as const) {
      await settle();
      stdin.write(k);
      await waitFor(() => expect(onDecide).toHaveBeenLastCalledWith(c));
    }
    await settle();
    stdin.write(KEY.right);
    await waitFor(() => expect(onMove).toHaveBeenLastCalledWith(1));
    await settle();
    stdin.write(KEY.left);
    await waitFor(() => expect(onMove).toHaveBeenLastCalledWith(-1));
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onContinue).toHaveBeenCalled());
  });

  it('u lists earlier decisions, most recent first, and undoes the chosen one', async () => {
    let s = reviewReducer(state(), { type: 'decide', choice: 'accept' });
    s = reviewReducer(s, { type: 'decide', choice: 'reject' });
    const { stdin, lastFrame, onUndo, onModal } = mount(s);
    expect(lastFrame()).toContain('ACCEPTED');
    await settle();
    stdin.write('u');
    await waitFor(() => expect(lastFrame()).toContain('Undo which decision?'));
    await waitFor(() => expect(onModal).toHaveBeenLastCalledWith(true));
    expect(lastFrame()).toMatch(/> reject\s+company line 9/);
    await settle();
    stdin.write(KEY.down);
    await waitFor(() => expect(lastFrame()).toMatch(/> accept\s+company line 7/));
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onUndo).toHaveBeenCalledWith('company:acme'));
    await waitFor(() => expect(onModal).toHaveBeenLastCalledWith(false));
  });

  it('says so when there is nothing to review', () => {
    const { lastFrame } = mount(emptyReview);
    expect(lastFrame()).toContain('No borderline matches to review.');
  });
});

describe('CommitScreen', () => {
  const counts = {
    rows: { loaded: 1500, valid: 1480, errors: 20, warnings: 112, processed: 1460, duplicates: 0 },
    companies: { matched: 600, created: 100, updated: 40 },
    people: { matched: 1200, created: 260, updated: 300 },
    baselines: { bit: 900, tf: 1460, signals: 1800 },
    issues: { unresolved: 12, locked_field_skips: 1, errors: 20 },
  };
  const plan = {
    counts: { ...counts, statuses: {} },
    skipped: [{ entity: 'person', id: '04.04.02.04.20000.001', field: 'email', value: 'new@acme.com', current: 'old@acme.com', reason: 'manually_corrected_email' }],
    dryRun: false,
    database: 'embedded database at /tmp/x',
  } as unknown as PlanView;

  function s(over: Partial<WizardState['commit']>, work: WizardState['work'] = null) {
    return { commit: { status: 'confirm' as const, plan, result: null, problem: null, ...over }, work };
  }

  it('shows the plan in the execution-summary shape with the locked fields, and y confirms', async () => {
    const onConfirm = vi.fn();
    const { lastFrame, stdin } = render(<CommitScreen state={s({})} width={80} height={21} active onConfirm={onConfirm} onExit={() => {}} />);
    const f = lastFrame()!;
    expect(f).toContain('EXECUTION SUMMARY (PLAN)');
    expect(f).toMatch(/Companies:\s+Matched 600\s+Created 100\s+Updated 40/);
    expect(f).toMatch(/Issues:\s+Unresolved 12\s+Locked Field Skips 1/);
    expect(f).toContain('LOCKED person 04.04.02.04.20000.001 email: keeps "old@acme.com"');
    expect(f).toContain('Write to embedded database at /tmp/x?');
    expect(fitsWidth(f)).toBe(true);
    await settle();
    stdin.write('y');
    await waitFor(() => expect(onConfirm).toHaveBeenCalled());
  });

  it('shows a bar with counts while writing', () => {
    const work = { label: 'writing', event: { phase: 'commit' as const, done: 3, total: 9, unit: 'steps', message: 'updates' } };
    const { lastFrame } = render(<CommitScreen state={s({ status: 'writing' }, work)} width={80} height={21} active onConfirm={() => {}} onExit={() => {}} />);
    expect(lastFrame()).toContain('writing: commit 3 of 9 steps (updates)');
    expect(lastFrame()).toMatch(/\[#+\.+\]/);
    expect(lastFrame()).toContain('Ctrl-C aborts');
  });

  it('after the commit: the final summary, the process id for rollback and the report paths', async () => {
    const onExit = vi.fn();
    const summary = { ...counts, process_id: 'PRC-BF-20261128143000123', worker_id: 'backfill-1a2b3c4d', dry_run: false };
    const reports = { dir: '/r/PRC', summary: '/r/PRC/summary.json', decisions: '/r/PRC/decisions.csv', fallout: '/r/PRC/fallout.csv', validation: '/r/PRC/validation.csv' };
    const { lastFrame, stdin } = render(<CommitScreen state={s({ status: 'done', result: { summary, reports } as never })} width={80} height={21} active onConfirm={() => {}} onExit={onExit} />);
    const f = lastFrame()!;
    expect(f).toContain('DONE: committed in one transaction');
    expect(f).toContain('Process ID: PRC-BF-20261128143000123');
    expect(f).toContain('backfill-tui rollback PRC-BF-20261128143000123');
    expect(f).toContain('Reports: /r/PRC');
    expect(f).toContain('summary.json  decisions.csv  fallout.csv  validation.csv');
    await settle();
    stdin.write(KEY.enter);
    await waitFor(() => expect(onExit).toHaveBeenCalled());
  });
});
