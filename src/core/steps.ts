// Computations written as generators of steps (yielding progress between slices of work, so that an
// interactive caller can let its event loop turn) run in one go by callers that need not.

/** Runs `steps` to its end without pausing and returns its result. */
export function runToEnd<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
