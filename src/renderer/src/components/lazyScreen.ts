import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface LazyScreen<P extends object> {
  /** The screen, for a route (React.lazy). */
  Screen: LazyExoticComponent<ComponentType<P>>;
  /** Fetches and runs the screen's chunk now (e.g. while the desk is idle), ahead of its first visit. */
  preload: () => void;
}

/**
 * React.lazy around a route's screen (docs/architecture.md "Route split"), with a way to load its chunk
 * ahead of the first visit. A screen whose chunk is already in renders at once: the loader then answers a
 * thenable that calls back synchronously, so React does not suspend. (With a plain promise it would show
 * the fallback for a moment and then hold the screen back by React's reveal throttle, up to 300 ms.)
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  type T = ComponentType<P>;
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  const fetchChunk = (): Promise<T> =>
    (loading ??= load().then(
      (screen) => (loaded = screen),
      (error: unknown) => {
        // A failed fetch may be tried again (the next visit, or the next preload).
        loading = null;
        throw error;
      },
    ));
  const Screen = lazy((): Promise<{ default: T }> => {
    if (loaded === null) return fetchChunk().then((screen) => ({ default: screen }));
    const module = { default: loaded };
    // React reads a thenable's result as soon as it calls back; this one does so within then().
    return { then: (resolve: (value: { default: T }) => void) => resolve(module) } as Promise<{ default: T }>;
  });
  return {
    Screen,
    preload: () => {
      // Only a head start: a failure shows (and is retried) when the screen itself is opened.
      fetchChunk().catch(() => undefined);
    },
  };
}

/** Runs `task` when the page is next idle (a short while after at the latest). */
export function whenIdle(task: () => void): () => void {
  const id = window.requestIdleCallback(task, { timeout: 2000 });
  return () => window.cancelIdleCallback(id);
}
