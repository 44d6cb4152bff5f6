/**
 * What every route handler sees: the app's dependencies (store, config, clock, listings) as
 * Hono context variables. Its own module so routes import it without importing the app.
 */
import type { Config } from './config';
import type { Store } from './store/port';
import type { Listings } from './listings';

/** The current time; tests pass a fixed one. */
export type Clock = () => Date;

export interface AppDeps {
  store: Store;
  config: Config;
  clock?: Clock;
  /** The in-memory indexes over the store (`await createListings(store)`). */
  listings: Listings;
}

export interface AppEnv {
  Variables: { deps: Required<AppDeps> };
}
