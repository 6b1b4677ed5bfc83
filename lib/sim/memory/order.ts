/**
 * Sorting the short lists the memory views are made of (a process's pages, the frames).
 * They almost always come out of the simulator already in order, and a comparator sort
 * of even five items costs a microsecond or so on the Node versions we run, for every
 * step of every explanation; so check first.
 */

/**
 * Sorts `items` in place by ascending `key` (stably, like `Array.prototype.sort`) and
 * returns it; a list that is already in order is left as it is without sorting.
 */
export function sortByKey<T>(items: T[], key: (item: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    if (key(items[i - 1] as T) > key(items[i] as T)) return items.sort((a, b) => key(a) - key(b));
  }
  return items;
}
