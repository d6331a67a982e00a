// "Did you mean …?": the nearest known word by edit distance, offered only when it is close
// enough that the user most likely meant it.

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The one candidate the word begins (`warn` → `warning`), else the closest within a third of its length (at least 2 edits). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.filter((c) => word.length >= 3 && c.toLowerCase().startsWith(word.toLowerCase()));
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: { value: string; distance: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d <= limit && (best === undefined || d < best.distance)) best = { value: c, distance: d };
  }
  return best?.value;
}
