/**
 * A unified diff (the format of `diff -u` and `git diff`, so `git apply` takes it) of one file's
 * old and new text, for `budget fix`. Its edits replace figures within lines and never add or
 * remove a line, so the lines correspond one to one and a hunk is the changed lines with their
 * context: no general longest-common-subsequence diff is needed.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = lines(before);
  const b = lines(after);
  if (a.length !== b.length) throw new Error('unifiedDiff: a fix never adds or removes a line');
  const changed: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed.push(i);
  if (!changed.length) return '';
  // Changed lines whose context windows touch or overlap share one hunk.
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const lo = Math.max(0, i - context);
    const hi = Math.min(a.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && lo <= last[1] + 1) last[1] = hi;
    else hunks.push([lo, hi]);
  }
  // git's a/ and b/ prefixes before the path as shown (an absolute one without its leading slash).
  const name = path.replace(/\\/g, '/').replace(/^\/+/, '');
  let out = `--- a/${name}\n+++ b/${name}\n`;
  for (const [lo, hi] of hunks) {
    const n = hi - lo + 1;
    out += `@@ -${lo + 1},${n} +${lo + 1},${n} @@\n`;
    let i = lo;
    while (i <= hi) {
      if (a[i] === b[i]) {
        out += ` ${a[i]}\n`;
        i++;
        continue;
      }
      // A run of changed lines: its removed lines, then its added ones, as diff -u prints them.
      let j = i;
      while (j <= hi && a[j] !== b[j]) j++;
      for (let k = i; k < j; k++) out += `-${a[k]}\n`;
      for (let k = i; k < j; k++) out += `+${b[k]}\n`;
      i = j;
    }
  }
  return out;
}

/**
 * The file's lines without their "\n" (a final one does not start another line). A "\r" stays
 * with its line, as `diff -u` prints a CRLF file, so the patch applies to the file as written.
 */
function lines(text: string): string[] {
  const ls = text.split('\n');
  if (ls.length > 1 && ls[ls.length - 1] === '') ls.pop();
  return ls;
}
