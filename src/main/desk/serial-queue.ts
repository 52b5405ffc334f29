/**
 * Runs tasks one at a time, in arrival order. Every contract call goes through one queue, so a lock
 * (which closes the database) can never land in the middle of another call's transaction, and two
 * sign-ins cannot race for the same session.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
