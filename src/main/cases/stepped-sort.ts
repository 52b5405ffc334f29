/*
 * A sort that can pause: the case list index sorts its 100,000-entry orders a few milliseconds at a time
 * (list-index.ts, sortStep), so that a load in the background never holds the desk's event loop for long.
 */

/** The runs a merge sort starts from, each sorted at once (≈ 2,048 × 11 comparisons). */
const RUN = 2048;

/**
 * Sorts the first `size` slots of `order` by `compare`, pausing (yield) after about `work` comparisons:
 * runs of RUN sorted in place, then merged pairwise into a second buffer and back (a bottom-up merge sort).
 * Returns the sorted array (`order` or the buffer, as long as `order`).
 */
export function* mergeSort(
  order: Int32Array<ArrayBuffer>,
  size: number,
  compare: (a: number, b: number) => number,
  work: number,
): Generator<void, Int32Array<ArrayBuffer>> {
  let src = order;
  let dst = new Int32Array(order.length);
  let done = 0;
  for (let lo = 0; lo < size; lo += RUN) {
    src.subarray(lo, Math.min(lo + RUN, size)).sort(compare);
    done += RUN * 11;
    if (done >= work) {
      done = 0;
      yield;
    }
  }
  for (let width = RUN; width < size; width *= 2) {
    for (let lo = 0; lo < size; lo += 2 * width) {
      const mid = Math.min(lo + width, size);
      const hi = Math.min(lo + 2 * width, size);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = src[i] as number;
        const b = src[j] as number;
        if (compare(b, a) < 0) {
          dst[k++] = b;
          j++;
        } else {
          dst[k++] = a;
          i++;
        }
        if (++done >= work) {
          done = 0;
          yield;
        }
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
