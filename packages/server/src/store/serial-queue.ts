/**
 * Runs async tasks one at a time, in the order they were queued. A store over a single
 * synchronous connection uses it so that an open transaction is never interleaved with
 * another request's statements.
 *
 * @example
 * const queue = createSerialQueue();
 * const [a, b] = await Promise.all([queue.run(async () => 1), queue.run(async () => 2)]);
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      // The next task waits for this one whatever its outcome.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
