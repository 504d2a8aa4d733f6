// Runs an async function over items with bounded concurrency and yields results in input order: lets
// sharp decode several images on the thread pool while the dataset stays in file order.

export async function* orderedMap<T, R>(items: Iterable<T>, concurrency: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = items[Symbol.iterator]();
  const inFlight: Promise<R>[] = [];
  const launch = (): boolean => {
    const next = iterator.next();
    if (next.done) return false;
    const promise = fn(next.value);
    promise.catch(() => undefined); // handled when awaited in order; avoids unhandled rejections meanwhile
    inFlight.push(promise);
    return true;
  };
  while (inFlight.length < concurrency && launch());
  while (inFlight.length) {
    const result = await inFlight.shift()!;
    launch();
    yield result;
  }
}
