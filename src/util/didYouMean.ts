/**
 * "Did you mean …?" for misspelt commands, options and messages (CLI, Max, Pd/OSC): the closest
 * known word by Damerau–Levenshtein distance (a swap of two neighbours counts as one edit), if it
 * is close enough to be a plausible typo — at most 1 edit for words up to 4 letters, 2 up to 8,
 * 3 beyond (aspell/git use similar length-scaled cut-offs). Case-insensitive.
 */

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // three rolling rows: i−2, i−1, i
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

function maxEditsFor(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
}

/** The known word closest to `word` when it is a plausible typo of it, else undefined. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(w, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best === undefined || bestD === 0) return bestD === 0 ? best : undefined;
  return bestD <= maxEditsFor(best) ? best : undefined;
}

/** ` Did you mean "x"?` or the empty string, to append to an error message. */
export function didYouMeanHint(word: string, known: readonly string[]): string {
  const s = didYouMean(word, known);
  return s !== undefined && s !== word ? ` Did you mean "${s}"?` : '';
}
