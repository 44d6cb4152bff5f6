/**
 * Runs sliced work (data/slices.ts) between requests: slices for up to TURN_MS, then a turn of the
 * event loop, so no request waits more than about that long behind an index build.
 */
import type { Sliced } from '../data/slices';

const TURN_MS = 8; // a sliced build's work per turn of the event loop

/** A turn of the event loop: what waits (requests, timers) runs, then the caller goes on. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `work` to the end, a few slices per turn of the event loop; resolves with its result.
 * `pauseMs` > 0: a pause that long after each turn, for work nobody waits for (a quarter of a core
 * at 24 ms), which leaves the rest to requests and to the other processes on the machine.
 */
export function inTurns<T>(work: Sliced<T>, pauseMs = 0): Promise<T> {
  return new Promise((resolve, reject) => {
    const turn = () => {
      try {
        const until = performance.now() + TURN_MS;
        do {
          const step = work.next();
          if (step.done) return resolve(step.value);
        } while (performance.now() < until);
        if (pauseMs > 0) setTimeout(turn, pauseMs);
        else setImmediate(turn);
      } catch (err) {
        reject(err);
      }
    };
    turn();
  });
}
