// The pipeline reports progress as events; renderers subscribe (Ink in the wizard, plain lines or
// nothing with --json on stdout). The core never formats for a terminal.

export type Phase = 'read' | 'master' | 'match' | 'plan' | 'commit' | 'reports';

export interface PipelineEvent {
  phase: Phase;
  done: number;
  total: number | null; // null when unknown
  unit: string; // 'rows', 'records', 'steps'
  message?: string;
}

export type Emit = (e: PipelineEvent) => void;

export const silent: Emit = () => {};
