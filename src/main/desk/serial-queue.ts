/**
 * Runs tasks one at a time, in arrival order. Every contract call goes through one queue, so a lock
 * (which closes the database) can never land in the middle of another call's transaction, and two
 * sign-ins cannot race for the same session. Background work (the case list's keys loading after a
 * sign-in) waits for idle() before each of its steps, so a call never waits behind more than one step.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running (with their follow-ups). */
  #active = 0;
  #idleWaiters: (() => void)[] = [];

  /**
   * Queues `task`; its promise settles when the task is done. `followUps`, asked once the task has
   * settled, names work that then runs in the task's place in the queue — after its answer, before any
   * task queued after it. A follow-up's failure is its own: it stops neither the others nor the queue.
   */
  run<T>(task: () => Promise<T>, followUps?: () => readonly (() => Promise<void>)[]): Promise<T> {
    this.#active++;
    const result = this.#tail.then(task);
    const settled = result.catch(() => undefined);
    const done = followUps
      ? settled.then(async () => {
          for (const followUp of followUps()) await followUp().catch(() => undefined);
        })
      : settled;
    this.#tail = done.then(() => this.#finished());
    return result;
  }

  /** Resolves once no task is queued or running (at once when none is). */
  idle(): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #finished(): void {
    if (--this.#active > 0) return;
    for (const wake of this.#idleWaiters.splice(0)) wake();
  }
}
