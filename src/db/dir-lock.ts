import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LockHeldError } from '../errors.js';

// PGlite is single-process: two processes opening one data directory can corrupt it (SPEC §6.7).
// An exclusive lock file guards the directory; a lock left by a dead process is taken over.

export interface DirLock {
  path: string;
  release(): void;
}

interface LockContent {
  pid: number;
  processId: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}

export function acquireDirLock(dataDir: string, processId: string): DirLock {
  const path = join(dataDir, 'backfill-tui.lock');
  const content: LockContent = { pid: process.pid, processId, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(content));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        const current = readLock(path);
        if (current && current.pid === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            /* gone */
          }
        }
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(path);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new LockHeldError(
          `the embedded database at ${dataDir} is in use by another backfill-tui (process id ${holder.processId}, pid ${holder.pid}, since ${holder.startedAt})`,
        );
      }
      // Stale (dead holder or unreadable): take it over.
      try {
        unlinkSync(path);
      } catch {
        /* raced with another taker */
      }
    }
  }
  throw new LockHeldError(`could not take the lock file ${path}`);
}
