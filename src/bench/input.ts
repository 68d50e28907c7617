// Input benchmark: streams a CSV through openCsv and reports rows/s and peak RSS.
//   node dist/bench/input.js FILE.csv
//   node dist/gen/cli.js --rows 1000000 --master-people 1000000 --seed 1 --out /tmp/bf-1m && node dist/bench/input.js /tmp/bf-1m/legacy.csv
// Add --normalize to run validation + normalization on every record too (issue 3's figure); rows
// are not retained, so the peak RSS is the streaming path's.

import { loadConfig } from '../config/load.js';
import { openCsv } from '../io/csv-source.js';
import { createNormalizeContext } from '../core/normalize/context.js';
import { normalizeRecord } from '../core/normalize/row.js';

async function main(path: string, normalize: boolean): Promise<void> {
  const resolved = loadConfig();
  const ctx = createNormalizeContext({ config: resolved.config, rules: resolved.rules, personalDomains: resolved.personalDomains });
  let invalid = 0;
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t0 = process.hrtime.bigint();
  const src = await openCsv(path, { headerAliases: resolved.rules.header_aliases, maxRecordBytes: resolved.config.input.max_record_bytes });
  const tOpen = process.hrtime.bigint();
  let rows = 0;
  let withIssues = 0;
  for await (const rec of src.records()) {
    rows++;
    if (rec.issues.length > 0) withIssues++;
    if (normalize && !normalizeRecord(rec, ctx).valid) invalid++;
  }
  const t1 = process.hrtime.bigint();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  const openMs = Number(tOpen - t0) / 1e6;
  const readMs = Number(t1 - tOpen) / 1e6;
  const result = {
    file: path,
    encoding: src.encoding,
    bytes: src.bytesTotal,
    rows,
    rows_with_read_issues: withIssues,
    normalized: normalize,
    invalid_rows: normalize ? invalid : null,
    open_ms: Math.round(openMs),
    read_ms: Math.round(readMs),
    rows_per_s: Math.round(rows / ((openMs + readMs) / 1000)),
    mb_per_s: Math.round((src.bytesTotal / 1e6 / ((openMs + readMs) / 1000)) * 10) / 10,
    peak_rss_mb: Math.round(peak / 1e6),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: node dist/bench/input.js FILE.csv [--normalize]\n');
  process.exit(2);
}
main(file, process.argv.includes('--normalize')).catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
