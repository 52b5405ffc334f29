/**
 * Runs tasks one at a time, in arrival order. Every contract call goes through one queue, so a lock
 * (which closes the database) can never land in the middle of another call's transaction, and two
 * sign-ins cannot race for the same session.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * Queues `task`; its promise settles when the task is done. `followUps`, asked once the task has
   * settled, names work that then runs in the task's place in the queue — after its answer, before any
   * task queued after it. A follow-up's failure is its own: it stops neither the others nor the queue.
   */
  run<T>(task: () => Promise<T>, followUps?: () => readonly (() => Promise<void>)[]): Promise<T> {
    const result = this.#tail.then(task);
    const settled = result.catch(() => undefined);
    this.#tail = followUps
      ? settled.then(async () => {
          for (const followUp of followUps()) await followUp().catch(() => undefined);
        })
      : settled;
    return result;
  }
}
