// Binary search in an ascending list of offsets (line starts, piece starts, mapped characters).

/** The index of the last of `sorted` (ascending) that is at most `value`; -1 when none is. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
