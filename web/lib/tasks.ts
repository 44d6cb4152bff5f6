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
    await nextTask();
  }
}

/**
 * A pause between small steps of async work written as a loop that awaits it (not a Sliced
 * generator, as `inTasks` runs): the browser's turn once the steps since the last one have run
 * TASK_MS. Small steps keep each task short, and not every step waits for a turn.
 */
export function pacer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < TASK_MS) return;
    await nextTask();
    since = performance.now();
  };
}

/**
 * Resolves in a new task, queued behind those already waiting (input and paint go first): a
 * message to ourselves. Not a timer: a timer set from a timer's task is nested, and from the fifth
 * on waits at least 4 ms, idle time that made a country's first offline search at 400 k a fifth
 * longer on a phone (1.9 s of 8.8). Not `scheduler.yield`, whose continuation goes before the
 * tasks already waiting (a response, a database read): a build would hold them until it ended.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    queued.push(resolve);
    channel.port2.postMessage(null);
  });
}
const queued: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => queued.shift()?.();
(channel.port1 as { unref?: () => void }).unref?.(); // in Node (tests), the port does not keep the process alive
