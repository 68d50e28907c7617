import { Box, Text } from 'ink';

// An ASCII/Unicode-block histogram of best-candidate scores, one column per bucket (0.01 wide
// when the terminal allows, so a threshold moved by one step moves its marker by one column).

export interface Marker {
  label: string; // one letter: F(loor), C(ompany), P(erson)
  at: number;
}

const LEVELS = ' ▁▂▃▄▅▆▇█';

export interface HistogramModel {
  lo: number;
  step: number;
  counts: number[];
  max: number;
}

export function bucketize(scores: readonly number[], lo: number, step: number): HistogramModel {
  const n = Math.round((1 - lo) / step) + 1;
  const counts = new Array<number>(n).fill(0);
  for (const s of scores) {
    if (!(s >= lo)) continue;
    const i = Math.min(n - 1, Math.floor((s - lo) / step + 1e-9));
    counts[i]!++;
  }
  return { lo, step, counts, max: Math.max(0, ...counts) };
}

export function bucketOf(m: HistogramModel, x: number): number {
  return Math.max(0, Math.min(m.counts.length - 1, Math.floor((x - m.lo) / m.step + 1e-9)));
}

/** The lines of the histogram: bars, an axis, the marker line and the scale labels. */
export function histogramLines(scores: readonly number[], markers: readonly Marker[], width: number, height = 5): string[] {
  const floor = Math.min(...markers.map((m) => m.at), 0.5);
  const lo = Math.max(0, Math.floor((floor - 0.05) * 20) / 20);
  const gutter = 7;
  const avail = Math.max(10, width - gutter - 1);
  let step = 0.01;
  while (Math.round((1 - lo) / step) + 1 > avail) step *= 2;
  const m = bucketize(scores, lo, step);
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    let s = '';
    for (const c of m.counts) {
      const eighths = m.max === 0 ? 0 : Math.round((c / m.max) * height * 8) - row * 8;
      s += c > 0 && eighths <= 0 && row === 0 ? LEVELS[1] : LEVELS[Math.max(0, Math.min(8, eighths))];
    }
    const label = row === height - 1 ? String(m.max) : row === 0 ? '' : '';
    lines.push(`${label.padStart(gutter - 2)} |${s}`);
  }
  lines.push(`${'0'.padStart(gutter - 2)} +${'-'.repeat(m.counts.length)}`);
  const marks = new Array<string>(m.counts.length).fill(' ');
  for (const k of markers) {
    const i = bucketOf(m, k.at);
    marks[i] = marks[i] === ' ' ? k.label : '*';
  }
  lines.push(`${' '.repeat(gutter)}${marks.join('')}`);
  const axis = new Array<string>(m.counts.length + 4).fill(' ');
  for (let x = Math.ceil(lo * 10) / 10; x <= 1.0001; x += 0.1) {
    const i = bucketOf(m, x);
    const t = x.toFixed(1);
    for (let j = 0; j < t.length; j++) if (i + j < axis.length) axis[i + j] = t[j]!;
  }
  lines.push(`${' '.repeat(gutter)}${axis.join('').trimEnd()}`);
  return lines;
}

export function Histogram({ scores, markers, width }: { scores: readonly number[]; markers: readonly Marker[]; width: number }) {
  return (
    <Box flexDirection="column">
      {histogramLines(scores, markers, width).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
}
