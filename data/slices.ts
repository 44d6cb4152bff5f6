/**
 * Work done a slice at a time. A national listing takes seconds to index; on the server that
 * work shares one thread with every request, and in the PWA with every tap. A sliced build is a
 * generator that yields between slices of at most a few milliseconds and returns what it built:
 * the API runs it a few slices per turn of the event loop (api/turns.ts), tests and small
 * listings run it to the end at once (`finish`).
 */

/** A build that yields between slices and returns its result. */
export type Sliced<T> = Generator<void, T, void>;

/** Items per slice of a simple loop (a fraction of a millisecond to a few milliseconds). */
export const SLICE_ITEMS = 16_384;

/** Runs a sliced build to the end, at once. */
export function finish<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Calls `each(i)` for i in [0, n), yielding every SLICE_ITEMS items. */
export function* sliced(n: number, each: (i: number) => void): Sliced<void> {
  for (let start = 0; start < n; start += SLICE_ITEMS) {
    const end = Math.min(n, start + SLICE_ITEMS);
    for (let i = start; i < end; i++) each(i);
    yield;
  }
}
