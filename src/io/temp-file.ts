import { mkdtempSync, openSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new, empty file opened for reading and writing (mode 0600) in a directory of its own under
 * `parent` (the system's temporary directory, $TMPDIR), unlinked as soon as it is opened: nothing is
 * left behind by a run that is killed, and nobody else can open it. A system that cannot unlink an
 * open file (Windows) keeps it until `remove` (call it after closing the descriptor).
 */
export function openTempFile(name: string, parent: string = tmpdir()): { fd: number; remove: () => void } {
  const dir = mkdtempSync(join(parent, 'backfill-tui-'));
  const path = join(dir, name);
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  let fd: number;
  try {
    fd = openSync(path, 'w+', 0o600);
  } catch (err) {
    remove();
    throw err;
  }
  try {
    unlinkSync(path);
  } catch {
    /* removed by `remove` */
  }
  return { fd, remove };
}
