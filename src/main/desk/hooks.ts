/**
 * Listeners a lower module runs inside a write, so that a higher module keeps its own data in step (the
 * search index follows a case; stored timelines follow the holiday table) without the lower module
 * importing it. The composition root registers them once; a hook runs in the caller's transaction, so its
 * writes commit or roll back with the change that triggered it.
 */
export class WriteHooks<A extends unknown[], R = void> {
  readonly #hooks: ((...args: A) => Promise<R>)[] = [];

  /** Registers a hook once (a module may be loaded twice in tests). */
  register(hook: (...args: A) => Promise<R>): void {
    if (!this.#hooks.includes(hook)) this.#hooks.push(hook);
  }

  /** Runs every hook in registration order; their results in the same order. */
  async run(...args: A): Promise<R[]> {
    const results: R[] = [];
    for (const hook of this.#hooks) results.push(await hook(...args));
    return results;
  }
}
