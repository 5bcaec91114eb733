// Strings kept by caches that outlive a check. A key or value cut from a config's text with
// `slice` may be a view into that whole text (V8 makes a "sliced string" of 13 characters or
// more): a module-level cache keeping it would keep every version of every large document ever
// checked alive, one per distinct key. A copy keeps only its own characters.

/** A copy of `text` that keeps nothing else alive (for keys of caches that outlive a check). */
export function detached(text: string): string {
  // The concatenation is flattened into a new string before slicing: the result is cut from that.
  return (' ' + text).slice(1);
}
