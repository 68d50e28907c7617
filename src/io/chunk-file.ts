import { closeSync, readSync, writeSync } from 'node:fs';
import type { ChunkStore } from '../core/row-list.js';
import { openTempFile } from './temp-file.js';

// Where a large --yes run keeps its packed rows' full chunks (core/row-list.ts) from the read to the
// plan: a file in the system's temporary directory instead of the process's memory. The match and the
// plan read the rows in order, a chunk at a time, so the file is read back sequentially into two
// reused buffers; what the system caches of it is not the process's memory (RSS). At 1M rows ~0.25 GB
// of chunks, alive through the master read, the match and most of the plan, where the run peaks.
//
// The file is unlinked as soon as it is opened (temp-file.ts). A chunk that cannot be written (a full
// disk) is kept in memory by the rows, as are all later ones: a run never fails for want of a spill.

/** Buffers kept for chunks read back: the one being read and the one before (a reader at a chunk's edge). */
const READ_SLOTS = 2;

/** Descriptors of files whose store was collected without being closed. */
const orphans = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    /* closed already */
  }
});

export class ChunkFile implements ChunkStore {
  #fd: number | null;
  readonly #remove: () => void;
  /** Start and length of each chunk written, by chunk number (-1: not written here). */
  readonly #start: number[] = [];
  readonly #length: number[] = [];
  #end = 0;
  #failed = false;
  /** Chunks read back, most recent first. */
  #slots: { chunk: number; buf: Buffer }[] = [];

  private constructor(fd: number, remove: () => void) {
    this.#fd = fd;
    this.#remove = remove;
    orphans.register(this, fd, this);
  }

  /** A new store in the system's temporary directory (or `parent`); null when no file can be made there. */
  static open(parent?: string): ChunkFile | null {
    try {
      const { fd, remove } = openTempFile('rows.bin', parent);
      return new ChunkFile(fd, remove);
    } catch {
      return null;
    }
  }

  /** Bytes written to the file. */
  get bytes(): number {
    return this.#end;
  }

  put(chunk: number, buf: Buffer, bytes: number): boolean {
    if (this.#fd === null || this.#failed) return false;
    try {
      for (let off = 0; off < bytes; ) off += writeSync(this.#fd, buf, off, bytes - off, this.#end + off);
    } catch {
      this.#failed = true; // ENOSPC and the like: this chunk and the later ones stay in memory
      return false;
    }
    this.#start[chunk] = this.#end;
    this.#length[chunk] = bytes;
    this.#end += bytes;
    return true;
  }

  get(chunk: number): Buffer {
    const hit = this.#slots.findIndex((s) => s.chunk === chunk);
    if (hit >= 0) {
      const [slot] = this.#slots.splice(hit, 1);
      this.#slots.unshift(slot!);
      return slot!.buf;
    }
    if (this.#fd === null) throw new Error('packed rows: their chunk file is closed');
    const start = this.#start[chunk];
    const length = this.#length[chunk];
    if (start === undefined || length === undefined) throw new Error(`packed rows: chunk ${chunk} is not in their chunk file`);
    // The least recent slot's buffer is reused when it is large enough (chunks are one size but for a row larger than a chunk).
    const old = this.#slots.length === READ_SLOTS ? this.#slots.pop()! : null;
    const buf = old !== null && old.buf.length >= length ? old.buf : Buffer.allocUnsafe(length);
    for (let off = 0; off < length; ) {
      const n = readSync(this.#fd, buf, off, length - off, start + off);
      if (n === 0) throw new Error(`packed rows: their chunk file ended in chunk ${chunk}`);
      off += n;
    }
    this.#slots.unshift({ chunk, buf });
    return buf;
  }

  /** Lets go of the buffers of chunks before `chunk` (the rows in them were let go of). */
  drop(chunk: number): void {
    this.#slots = this.#slots.filter((s) => s.chunk >= chunk);
  }

  close(): void {
    if (this.#fd === null) return;
    orphans.unregister(this);
    closeSync(this.#fd);
    this.#fd = null;
    this.#slots = [];
    this.#remove();
  }
}
