import { describe, expect, it } from 'vitest';
import type { CommitView, DecideView, LoadView, PlanView } from '../../src/ui/backend.js';
import { initialWizard, normalizeThresholds, wizardReducer, type WizardAction, type WizardState } from '../../src/ui/wizard-state.js';

const T = { companyAuto: 0.9, personAuto: 0.88, reviewFloor: 0.75 };
const view = { path: '/x.csv', sha256: 'abc', rows: 3 } as LoadView;
const decided = { counts: { perfect: 1, autoFuzzy: 0, borderline: 1, new: 1, fallout: 1 }, scores: { company: [], person: [] }, perfect: 1, queue: [] } as DecideView;
const plan = { dryRun: false, skipped: [], database: 'db' } as unknown as PlanView;
const result = { summary: { process_id: 'PRC' }, reports: { dir: '/r' } } as unknown as CommitView;
const problem = { message: 'boom', hint: null };

const run = (actions: WizardAction[], s: WizardState = initialWizard(T)): WizardState => actions.reduce(wizardReducer, s);
const loaded: WizardAction[] = [{ type: 'choose-file', file: '/x.csv' }, { type: 'load-done', view }, { type: 'prepare-start' }, { type: 'prepare-done' }];
const atReview: WizardAction[] = [...loaded, { type: 'to-thresholds' }, { type: 'decided', view: decided }, { type: 'to-review' }];
const atConfirm: WizardAction[] = [...atReview, { type: 'to-commit' }, { type: 'planned', plan }];

describe('wizardReducer', () => {
  it('starts on the file screen, or loading the validation screen when a file is given', () => {
    expect(initialWizard(T).screen).toBe('file');
    const s = initialWizard(T, '/a.csv');
    expect(s.screen).toBe('validation');
    expect(s.load.status).toBe('loading');
    expect(s.work?.label).toMatch(/reading/);
  });

  it('toggle-help opens and closes the help; back closes it before leaving the screen', () => {
    let s = run([...loaded, { type: 'toggle-help' }]);
    expect(s.help).toBe(true);
    s = wizardReducer(s, { type: 'back' });
    expect(s.help).toBe(false);
    expect(s.screen).toBe('validation');
    expect(run([{ type: 'toggle-help' }, { type: 'toggle-help' }]).help).toBe(false);
  });

  it('choose-file goes to the validation screen and clears an earlier file error', () => {
    const s = run([{ type: 'file-error', message: 'nope' }, { type: 'choose-file', file: '/b.csv' }]);
    expect(s.screen).toBe('validation');
    expect(s.fileError).toBeNull();
    expect(s.file).toBe('/b.csv');
  });

  it('file-error returns to the file screen with the reason', () => {
    const s = run([{ type: 'choose-file', file: '/nope.csv' }, { type: 'file-error', message: 'no such file' }]);
    expect(s.screen).toBe('file');
    expect(s.fileError).toBe('no such file');
  });

  it('load-done stores the report; a late result after leaving is ignored', () => {
    expect(run(loaded.slice(0, 2)).load).toMatchObject({ status: 'ready', view });
    const late = run([{ type: 'choose-file', file: '/x.csv' }, { type: 'back' }, { type: 'load-done', view }]);
    expect(late.load.status).toBe('idle');
    expect(late.screen).toBe('file');
  });

  it('load-failed marks an unusable CSV (cannot continue) apart from other failures', () => {
    const u = run([{ type: 'choose-file', file: '/x.csv' }, { type: 'load-failed', problem, unusable: true }, { type: 'prepare-start' }, { type: 'to-thresholds' }]);
    expect(u.load.status).toBe('unusable');
    expect(u.screen).toBe('validation');
    expect(run([{ type: 'choose-file', file: '/x.csv' }, { type: 'load-failed', problem, unusable: false }]).load.status).toBe('failed');
  });

  it('prepare-start/done/failed track reading the master tables', () => {
    expect(run(loaded).prepare.status).toBe('ready');
    const f = run([...loaded.slice(0, 3), { type: 'prepare-failed', problem }]);
    expect(f.prepare).toEqual({ status: 'failed', problem });
    expect(run([...loaded.slice(0, 2), { type: 'prepare-done' }]).prepare.status).toBe('idle');
  });

  it('progress updates the running task only', () => {
    const e = { phase: 'read' as const, done: 10, total: null, unit: 'rows' };
    expect(run([{ type: 'choose-file', file: '/x.csv' }, { type: 'progress', event: e }]).work?.event).toEqual(e);
    expect(run([{ type: 'progress', event: e }]).work).toBeNull();
  });

  it('work sets and clears the task label', () => {
    expect(run([{ type: 'work', label: 'x' }]).work).toEqual({ label: 'x', event: null });
    expect(run([{ type: 'work', label: 'x' }, { type: 'work', label: null }]).work).toBeNull();
  });

  it('to-thresholds needs a loaded file and the master tables read', () => {
    expect(run([...loaded.slice(0, 3), { type: 'to-thresholds' }]).screen).toBe('validation');
    expect(run([...loaded, { type: 'to-thresholds' }]).screen).toBe('thresholds');
  });

  it('select-threshold moves between the three values and stops at the ends', () => {
    let s = run([{ type: 'select-threshold', delta: 1 }]);
    expect(s.selected).toBe('personAuto');
    s = run([{ type: 'select-threshold', delta: 5 }], s);
    expect(s.selected).toBe('reviewFloor');
    expect(run([{ type: 'select-threshold', delta: -1 }]).selected).toBe('companyAuto');
  });

  it('adjust-threshold steps by 0.01 without float drift and keeps floor <= auto', () => {
    let s = run([{ type: 'adjust-threshold', delta: 0.01 }, { type: 'adjust-threshold', delta: 0.01 }, { type: 'adjust-threshold', delta: 0.01 }]);
    expect(s.thresholds.companyAuto).toBe(0.93);
    s = run(Array.from({ length: 20 }, () => ({ type: 'adjust-threshold', delta: 0.01 }) as WizardAction), s);
    expect(s.thresholds.companyAuto).toBe(1);
    s = run([{ type: 'select-threshold', delta: 2 }, ...Array.from({ length: 30 }, () => ({ type: 'adjust-threshold', delta: 0.01 }) as WizardAction)]);
    expect(s.thresholds.reviewFloor).toBe(0.88); // capped at the lower auto threshold
    s = run([{ type: 'select-threshold', delta: -1 }, { type: 'adjust-threshold', delta: -0.5 }], s);
    expect(s.thresholds.personAuto).toBe(0.88); // cannot go below the floor
  });

  it('normalizeThresholds clamps to [0,1]', () => {
    expect(normalizeThresholds({ companyAuto: 1.5, personAuto: -1, reviewFloor: 0.5 }, 'reviewFloor')).toEqual({ companyAuto: 1, personAuto: 0, reviewFloor: 0 });
  });

  it('decided stores the live counts; to-review needs them', () => {
    expect(run([...loaded, { type: 'to-thresholds' }, { type: 'to-review' }]).screen).toBe('thresholds');
    const s = run(atReview);
    expect(s.screen).toBe('review');
    expect(s.decided?.counts.borderline).toBe(1);
  });

  it('to-commit plans first, planned asks for confirmation', () => {
    const p = run([...atReview, { type: 'to-commit' }]);
    expect(p.commit.status).toBe('planning');
    expect(p.screen).toBe('commit');
    expect(run(atConfirm).commit).toMatchObject({ status: 'confirm', plan });
    expect(run([{ type: 'to-commit' }]).screen).toBe('file');
  });

  it('commit-start writes only from the confirmation', () => {
    expect(run([...atConfirm, { type: 'commit-start' }]).commit.status).toBe('writing');
    expect(run([...atReview, { type: 'to-commit' }, { type: 'commit-start' }]).commit.status).toBe('planning');
  });

  it('commit-done shows the result; q then exits with 0', () => {
    const s = run([...atConfirm, { type: 'commit-start' }, { type: 'commit-done', result }]);
    expect(s.commit).toMatchObject({ status: 'done', result });
    expect(wizardReducer(s, { type: 'back' })).toBe(s);
    expect(wizardReducer(s, { type: 'quit' }).exit).toEqual({ code: 0, problem: null });
  });

  it('commit-failed stays on screen (q exits 1); an interrupted commit exits 130 at once', () => {
    const f = run([...atConfirm, { type: 'commit-start' }, { type: 'commit-failed', problem, code: 1 }]);
    expect(f.commit.status).toBe('failed');
    expect(f.exit).toBeNull();
    expect(wizardReducer(f, { type: 'quit' }).exit).toEqual({ code: 1, problem });
    expect(wizardReducer(f, { type: 'back' }).screen).toBe('review');
    const i = run([...atConfirm, { type: 'commit-start' }, { type: 'commit-failed', problem, code: 130 }]);
    expect(i.exit?.code).toBe(130);
  });

  it('quit before the commit exits 130; during the commit it aborts first', () => {
    expect(run([...atReview, { type: 'quit' }]).exit).toEqual({ code: 130, problem: null });
    const w = run([...atConfirm, { type: 'commit-start' }, { type: 'quit' }]);
    expect(w.commit.status).toBe('aborting');
    expect(w.exit).toBeNull();
    expect(wizardReducer(w, { type: 'quit' })).toBe(w);
  });

  it('back walks the screens in order and resets the file on the way to the file screen', () => {
    let s = run(atConfirm);
    s = wizardReducer(s, { type: 'back' });
    expect(s.screen).toBe('review');
    expect(s.commit.status).toBe('idle');
    s = wizardReducer(s, { type: 'back' });
    expect(s.screen).toBe('thresholds');
    s = wizardReducer(s, { type: 'back' });
    expect(s.screen).toBe('validation');
    s = wizardReducer(s, { type: 'back' });
    expect(s.screen).toBe('file');
    expect(s.load.status).toBe('idle');
    expect(wizardReducer(s, { type: 'back' })).toBe(s);
    expect(wizardReducer(run([...atConfirm, { type: 'commit-start' }]), { type: 'back' }).screen).toBe('commit');
  });

  it('fatal leaves with the error and its exit code', () => {
    expect(run([{ type: 'fatal', problem, code: 4 }]).exit).toEqual({ code: 4, problem });
  });
});
