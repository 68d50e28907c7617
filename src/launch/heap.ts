import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

// A run keeps every row, its decision and its plan in memory (about 8 KB per row with the master
// index at 100k rows). Node's default heap limit (~4 GB on 64-bit) is reached near 400k rows, and a
// V8 "heap out of memory" is a crash, not an error message. So a run on a large file restarts
// itself once, before doing anything, with a heap limit sized to the machine (3/4 of its memory).
// Small files never pay for the second process start.
//
// Not done when the operator chose a limit (--max-old-space-size in NODE_OPTIONS or the node
// flags), or when BACKFILL_TUI_NO_RELAUNCH=1.

/** Files from this size on (about 300k rows of a typical export) get the larger heap. */
export const RELAUNCH_MIN_BYTES = 48 << 20;
export const RELAUNCHED_ENV = 'BACKFILL_TUI_RELAUNCHED';

export interface HeapFacts {
  fileBytes: number | null;
  heapLimitBytes: number;
  totalMemBytes: number;
  env: NodeJS.ProcessEnv;
  execArgv: readonly string[];
}

/** True when the node flag `name` (e.g. max-old-space-size) is in the node flags or NODE_OPTIONS. */
function flagChosen(name: string, env: NodeJS.ProcessEnv, execArgv: readonly string[]): boolean {
  const alt = name.replace(/-/g, '_');
  return [...execArgv, env.NODE_OPTIONS ?? ''].some((a) => a.includes(name) || a.includes(alt));
}

/** The heap limit (MB) to restart with, or null to run in this process. Pure. */
export function relaunchHeapMb(f: HeapFacts): number | null {
  if (f.fileBytes === null) return null;
  if (f.env[RELAUNCHED_ENV] || f.env.BACKFILL_TUI_NO_RELAUNCH === '1') return null;
  if (flagChosen('max-old-space-size', f.env, f.execArgv)) return null;
  const minBytes = f.env.BACKFILL_TUI_RELAUNCH_MIN_BYTES !== undefined ? Number(f.env.BACKFILL_TUI_RELAUNCH_MIN_BYTES) : RELAUNCH_MIN_BYTES;
  if (!(f.fileBytes >= minBytes)) return null;
  const wantMb = Math.floor((f.totalMemBytes * 0.75) / 1048576);
  if (wantMb <= (f.heapLimitBytes / 1048576) * 1.1) return null; // no real gain
  return wantMb;
}

/** Heap growth after a full collection of the restarted process: the next one comes at 1.25x the live heap. */
export const HEAP_GROWING_PERCENT = 25;
/** Set in the restarted process when the restart chose the heap growth (the operator did not): it may change it. */
const GROWTH_ENV = 'BACKFILL_TUI_HEAP_GROWTH';

/**
 * glibc's malloc gives blocks from this size on their own mapping, returned to the system when freed.
 * 128 KB is glibc's own starting value; set, it stays there: by default glibc raises it to the size
 * of each large block freed (up to 32 MB), after which such blocks come from its heaps and stay in
 * the process when freed. A large run frees many (the candidate worker thread's, the buffers of the
 * reads, writes and COPYs), and the memory outside V8's heap grew from ~0.1 GB before the match to
 * ~0.25 GB after it at 1M rows (~0.15 GB with the value set; ~60-100 MB less RSS from the match on).
 */
export const MALLOC_MMAP_THRESHOLD = 128 * 1024;

/**
 * The restarted process's environment: marked as restarted; told whether its heap growth is the
 * restart's (setHeapGrowth); glibc's mmap threshold set (MALLOC_MMAP_THRESHOLD), unless the operator
 * tunes malloc already (MALLOC_MMAP_THRESHOLD_ or GLIBC_TUNABLES). Other C libraries ignore it.
 */
export function relaunchEnv(env: NodeJS.ProcessEnv, execArgv: readonly string[]): NodeJS.ProcessEnv {
  const mallocChosen = env.MALLOC_MMAP_THRESHOLD_ !== undefined || env.GLIBC_TUNABLES !== undefined;
  return {
    ...env,
    [RELAUNCHED_ENV]: '1',
    ...(flagChosen('heap-growing-percent', env, execArgv) ? {} : { [GROWTH_ENV]: String(HEAP_GROWING_PERCENT) }),
    ...(mallocChosen ? {} : { MALLOC_MMAP_THRESHOLD_: String(MALLOC_MMAP_THRESHOLD) }),
  };
}

/**
 * The heap growth of a large --yes run from its match on (setHeapGrowth), where its heap holds the
 * most (the rows, their decisions and the master index, then the plan, then the commit's lists):
 * the old space grows 10 % past the live data between two full collections instead of 25 %. At 1M
 * rows, the whole run at 10 %: peak RSS 2,538-2,573 -> 2,481 MB, but the read 22-27 -> 36 s (it
 * builds its rows from an empty heap: many more collections), so the read keeps the restart's 25 %.
 */
export const LATE_HEAP_GROWING_PERCENT = 10;

/**
 * Sets the heap growth of a restarted process whose growth the restart chose (V8 reads the flag at
 * each collection); does nothing otherwise (small files, or the operator's own flag). `null` puts
 * back the restart's. The commit's log step runs with 10 %: its garbage (cells read back, texts,
 * COPY text) lives long enough to reach the old space, and at 25 % a 1M run's log step let ~0.35 GB
 * of it pile up between two full collections, growing the old space past what the plan had left.
 */
export function setHeapGrowth(percent: number | null): void {
  const chosen = process.env[GROWTH_ENV];
  if (!chosen) return;
  setFlagsFromString(`--heap-growing-percent=${percent ?? chosen}`);
}

/**
 * The node flags of the restarted process: the heap limit; a larger young generation (64 MB
 * semi-spaces): a run allocates millions of small objects it keeps, and with the default 16 MB
 * semi-spaces the scavenger copies them again and again (1M rows read and normalized while kept: 52 s
 * with the default, 39 s with 64 MB, 35 s with 128 MB; +100 MB RSS); and a fixed heap growth of 25 %
 * (--heap-growing-percent): with a limit of 3/4 of the machine V8 lets the heap grow up to several
 * times the live data before collecting, and the plan, which turns a million rows into garbage while
 * it builds a million plan rows, took the 1M run from 4.3 GB (the match) to 5.2 GB of RSS; with 25 %
 * the plan peaked at 4.3 GB and the run at 4.9 GB (its commit), for ~30 s more of collections.
 * Each flag is left out when the operator chose it.
 */
export function relaunchFlags(heapMb: number, env: NodeJS.ProcessEnv, execArgv: readonly string[]): string[] {
  return [
    `--max-old-space-size=${heapMb}`,
    ...(flagChosen('max-semi-space-size', env, execArgv) ? [] : ['--max-semi-space-size=64']),
    ...(flagChosen('heap-growing-percent', env, execArgv) ? [] : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]),
    ...(flagChosen('expose-gc', env, execArgv) ? [] : ['--expose-gc']), // for collectGarbage()
  ];
}

/**
 * A full collection now, when the process was started with --expose-gc (the restart above does):
 * called where a large structure has just become garbage (the matcher's index after matching, the
 * master snapshot after planning). With a heap limit of 3/4 of the machine V8 collects lazily, and the
 * next stage's allocations would otherwise pile on top of the dead one (the RSS peak at 1M rows).
 * Costs a second or two on a multi-GB heap; without the flag (small files) it does nothing.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null; // the run itself reports a missing or unreadable file
  }
}

/**
 * When `file` calls for a larger heap (see relaunchHeapMb), runs this same command in a child
 * process with it and resolves to the child's exit code; otherwise returns null and the caller goes
 * on in this process. The child shares the terminal (the wizard works as before); signals
 * sent to this process are passed on; if this process dies, the child interrupts itself (rollback).
 */
export function relaunchForLargeFile(file: string): Promise<number> | null {
  const fileBytes = sizeOf(file);
  const mb = relaunchHeapMb({
    fileBytes,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    totalMemBytes: totalmem(),
    env: process.env,
    execArgv: process.execArgv,
  });
  if (mb === null) return null;
  process.stderr.write(`backfill-tui: large file (${Math.round(fileBytes! / 1048576)} MB): running with a ${mb.toLocaleString('en-US')} MB heap limit\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...relaunchFlags(mb, process.env, process.execArgv), process.argv[1]!, ...process.argv.slice(2)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: relaunchEnv(process.env, process.execArgv),
    });
    const forward = (sig: NodeJS.Signals) => (): void => {
      child.kill(sig);
    };
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => [sig, forward(sig)] as const);
    for (const [sig, h] of handlers) process.on(sig, h);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : signal === 'SIGINT' ? 2 : 1));
    });
  });
}

/** In the relaunched child: when the parent goes away (even SIGKILL), interrupt like Ctrl-C would. */
export function watchParent(): void {
  if (!process.env[RELAUNCHED_ENV] || !process.send) return;
  process.channel?.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
