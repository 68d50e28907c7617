#!/usr/bin/env node
// node dist/gen/cli.js --rows N --master-people M --seed S --out DIR [--alias-headers] [--showcase]
// Writes legacy.csv, truth.csv, master_companies.csv and master_people.csv into DIR, streaming with
// backpressure (constant memory at any size).

import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { legacyLines, masterCompanyLines, masterPeopleLines, type GenSpec } from './generate.js';

const USAGE = 'usage: node dist/gen/cli.js --rows N --master-people M --seed S --out DIR [--alias-headers] [--showcase]';

/** Buffers small strings into ~256 KB writes and waits for 'drain' when the stream asks to. */
class Sink {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly stream: WriteStream) {}
  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= 256 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function writeAll(path: string, lines: Iterable<string>): Promise<number> {
  const sink = new Sink(createWriteStream(path));
  let n = -1; // header
  for (const l of lines) {
    await sink.write(l);
    n++;
  }
  await sink.close();
  return n;
}

function intArg(v: string | undefined, name: string, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      'master-people': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'alias-headers': { type: 'boolean', default: false },
      showcase: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) throw new Error(`--out DIR is required\n${USAGE}`);
  const spec: GenSpec = {
    rows: intArg(values.rows, 'rows', 1500),
    masterPeople: Math.max(1, intArg(values['master-people'], 'master-people', 1700)),
    seed: intArg(values.seed, 'seed', 1),
    aliasHeaders: values['alias-headers'],
    showcase: values.showcase,
  };
  const dir = values.out;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const companies = await writeAll(join(dir, 'master_companies.csv'), masterCompanyLines(spec));
  const people = await writeAll(join(dir, 'master_people.csv'), masterPeopleLines(spec));
  const legacy = new Sink(createWriteStream(join(dir, 'legacy.csv')));
  const truth = new Sink(createWriteStream(join(dir, 'truth.csv')));
  let rows = -1;
  for (const l of legacyLines(spec)) {
    await legacy.write(l.csv);
    await truth.write(l.truth);
    rows++;
  }
  await Promise.all([legacy.close(), truth.close()]);
  process.stderr.write(
    `wrote ${rows} legacy rows, ${companies} master companies, ${people} master people to ${dir} in ${Date.now() - started} ms\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  },
);
