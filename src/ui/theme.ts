// Colour is meaningful but never the only signal: every coloured word also says what it means
// ("ERR", "WARN", "> " for the cursor). With NO_COLOR set (https://no-color.org) no colour is used.

export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

const enabled = colorEnabled();

export type Tone = 'accent' | 'good' | 'warn' | 'bad' | 'muted';

const COLORS: Record<Tone, string> = { accent: 'cyan', good: 'green', warn: 'yellow', bad: 'red', muted: 'gray' };

/** The Ink colour for a tone, or undefined without colour. */
export function tone(t: Tone): string | undefined {
  return enabled ? COLORS[t] : undefined;
}

/** Pads or cuts `s` to exactly `w` columns (an ellipsis marks a cut). */
export function fit(s: string, w: number): string {
  if (w <= 0) return '';
  if (s.length <= w) return s.padEnd(w);
  return w === 1 ? '…' : s.slice(0, w - 1) + '…';
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
