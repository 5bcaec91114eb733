// A seeded random source for tests that make random but repeatable edits (the same on every run).

/** `random(n)`: an integer from 0 to n - 1. */
export function randoms(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % n;
  };
}
