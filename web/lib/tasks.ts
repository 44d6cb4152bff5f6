/**
 * Sliced work (data/slices.ts) in the page: slices for up to TASK_MS, then the browser's turn
 * (input, paint), so building a listing's indexes never makes one long task.
 */
import type { Sliced } from '../../data/slices';

const TASK_MS = 8; // work per task; a task over 50 ms counts as blocking (TBT)

/** Runs `work` to the end in tasks of about TASK_MS; resolves with its result. */
export async function inTasks<T>(work: Sliced<T>): Promise<T> {
  for (;;) {
    const until = performance.now() + TASK_MS;
    do {
      const step = work.next();
      if (step.done) return step.value;
    } while (performance.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * A pause between small steps of async work written as a loop that awaits it (not a Sliced
 * generator, as `inTasks` runs): the browser's turn once the steps since the last one have run
 * TASK_MS. Small steps keep each task short, and not every step waits for a turn (a nested timer
 * waits at least 4 ms: the 1,600 steps of a country's offline copy would wait 6 s).
 */
export function pacer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < TASK_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    since = performance.now();
  };
}
