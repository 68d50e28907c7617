// The pipeline reports progress as events; renderers subscribe (Ink in the wizard, plain lines or
// nothing with --json on stdout). The core never formats for a terminal.

export type Phase = 'read' | 'master' | 'match' | 'plan' | 'commit' | 'reports';

export interface PipelineEvent {
  phase: Phase;
  done: number;
  total: number | null; // null when unknown
  unit: string; // 'rows', 'records', 'steps'
  message?: string;
  /** Rows per second since the phase started, and the seconds left at that rate (rows phases only). */
  ratePerS?: number;
  etaS?: number;
}

/** The event with its phase's rate and ETA, given when the phase started (ms, same clock as `now`). */
export function withRate(e: PipelineEvent, phaseStartMs: number, nowMs: number): PipelineEvent {
  const secs = (nowMs - phaseStartMs) / 1000;
  if (e.unit !== 'rows' || secs <= 0 || e.done <= 0) return e;
  const ratePerS = e.done / secs;
  const finished = e.total !== null && e.done >= e.total;
  return finished || e.total === null ? { ...e, ratePerS } : { ...e, ratePerS, etaS: Math.ceil((e.total - e.done) / ratePerS) };
}

/** ' 12,345 rows/s eta 7s' (empty when the event has no rate). */
export function rateText(e: PipelineEvent): string {
  if (e.ratePerS === undefined) return '';
  return ` ${Math.round(e.ratePerS).toLocaleString('en-US')} rows/s${e.etaS !== undefined ? ` eta ${e.etaS}s` : ''}`;
}

export type Emit = (e: PipelineEvent) => void;

export const silent: Emit = () => {};
