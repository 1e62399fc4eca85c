// A word-level difference between two texts, for showing what CAM changed
// between the model's raw answer and the final answer. Texts are split into
// words, runs of white space and single punctuation marks, and compared with
// Myers' O(ND) algorithm (the one behind `diff` and git), which finds a
// shortest edit script. Pure and client-safe.

export type DiffPart = { kind: "same" | "removed" | "added"; text: string };

/** Beyond this many token edits the texts have little in common; the diff is then "all removed, all added" (bounds time and memory at D²). */
const DEFAULT_MAX_EDITS = 2_000;

const TOKEN = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/** The text as words, white-space runs and punctuation marks; joined, they give the text back. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** One token of an edit script. */
export type DiffOp = { kind: DiffPart["kind"]; token: string };
type Op = DiffOp;

/** A shortest edit script between two token lists (Myers' greedy forward search, the frontier of each round kept for the backtrack); null beyond maxEdits. */
export function shortestEdit(a: string[], b: string[], maxEdits: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  v[offset + 1] = 0;
  // trace[d] holds V for k in [-(d+1), d+1] as it was when round d began.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const frontier = trace[d] as Int32Array;
    const at = (k: number) => frontier[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: "same", token: a[x - 1] as string });
      x -= 1;
      y -= 1;
    }
    if (d > 0) ops.push(x === prevX ? { kind: "added", token: b[prevY] as string } : { kind: "removed", token: a[prevX] as string });
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** The parts that turn `before` into `after`, adjacent parts of one kind merged; removed parts come before added ones at each change. */
export function diffWords(before: string, after: string, options: { maxEdits?: number } = {}): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const middle = shortestEdit(midA, midB, options.maxEdits ?? DEFAULT_MAX_EDITS) ?? [
    ...midA.map((token) => ({ kind: "removed" as const, token })),
    ...midB.map((token) => ({ kind: "added" as const, token })),
  ];
  const ops: Op[] = [
    ...a.slice(0, prefix).map((token) => ({ kind: "same" as const, token })),
    ...middle,
    ...a.slice(a.length - suffix).map((token) => ({ kind: "same" as const, token })),
  ];
  return slideSpacesOut(absorbSmallMatches(mergeParts(absorbLoneSpaces(ops))));
}

/**
 * Folds an unchanged stretch into the changes around it when it is less than half
 * as long as the change on each side (after diff-match-patch's semantic cleanup):
 * two unrelated answers that happen to share "and" read as one replacement,
 * not as a patchwork. Repeats until nothing more folds. Both texts are kept.
 */
function absorbSmallMatches(parts: DiffPart[]): DiffPart[] {
  let current = parts;
  for (let changed = true; changed; ) {
    changed = false;
    const changeAround = (from: number, step: 1 | -1) => {
      let removed = 0;
      let added = 0;
      for (let i = from; current[i] && current[i]?.kind !== "same"; i += step) {
        if (current[i]?.kind === "removed") removed += current[i]?.text.length ?? 0;
        else added += current[i]?.text.length ?? 0;
      }
      return Math.max(removed, added);
    };
    const next: Op[] = [];
    current.forEach((part, index) => {
      const foldable =
        part.kind === "same" &&
        index > 0 &&
        index < current.length - 1 &&
        part.text.length * 2 < Math.min(changeAround(index - 1, -1), changeAround(index + 1, 1));
      if (foldable) changed = true;
      if (foldable) next.push({ kind: "removed", token: part.text }, { kind: "added", token: part.text });
      else next.push({ kind: part.kind, token: part.text });
    });
    if (changed) current = mergeParts(next);
  }
  return current;
}

/**
 * Turns white space that matched only between two changes into part of the
 * change ("Stop taking" -> "Talk to" reads as one phrase, not "Stop" " " "taking").
 * The edit is no longer the shortest in tokens, but it is the one people read.
 */
function absorbLoneSpaces(ops: Op[]): Op[] {
  const result: Op[] = [];
  for (let i = 0; i < ops.length; i += 1) {
    const op = ops[i] as Op;
    let end = i;
    while (ops[end]?.kind === "same" && /^\s+$/.test(ops[end]?.token ?? "")) end += 1;
    const between = end > i && i > 0 && ops[i - 1]?.kind !== "same" && end < ops.length && ops[end]?.kind !== "same";
    if (!between) {
      result.push(op);
      continue;
    }
    for (let j = i; j < end; j += 1) {
      const token = (ops[j] as Op).token;
      result.push({ kind: "removed", token }, { kind: "added", token });
    }
    i = end - 1;
  }
  return result;
}

/** Joins runs of one kind; within a change, removed text is gathered before added text so each reads as a phrase. */
function mergeParts(ops: Op[]): DiffPart[] {
  const parts: DiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) parts.push({ kind: "removed", text: removed });
    if (added) parts.push({ kind: "added", text: added });
    removed = "";
    added = "";
  };
  for (const op of ops) {
    if (op.kind === "removed") removed += op.token;
    else if (op.kind === "added") added += op.token;
    else {
      flush();
      const last = parts.at(-1);
      if (last?.kind === "same") last.text += op.token;
      else parts.push({ kind: "same", text: op.token });
    }
  }
  flush();
  return parts;
}

/**
 * Moves white space at the end of a change into the unchanged text after it,
 * so highlights end at a word ("taking" rather than "taking "). Both sides of
 * the diff keep their exact text: a one-sided change is rotated through the
 * white space that also ends the unchanged text before it.
 */
function slideSpacesOut(parts: DiffPart[]): DiffPart[] {
  const out = parts.map((part) => ({ ...part }));
  for (let i = 0; i < out.length; i += 1) {
    const first = out[i] as DiffPart;
    if (first.kind === "same") continue;
    const group = first.kind === "removed" && out[i + 1]?.kind === "added" ? [first, out[i + 1] as DiffPart] : [first];
    const before = out[i - 1];
    const after = out[i + group.length];
    i += group.length - 1;
    if (after?.kind !== "same") continue;
    const endings = group.map((change) => /\s*$/.exec(change.text)?.[0] ?? "");
    if (group.length === 1) endings.push(before?.kind === "same" ? (/\s*$/.exec(before.text)?.[0] ?? "") : "");
    let shared = endings[0] ?? "";
    while (shared && !endings.every((ending) => ending.endsWith(shared))) shared = shared.slice(1);
    while (shared && group.some((change) => change.text.length <= shared.length)) shared = shared.slice(1);
    if (!shared) continue;
    for (const change of group) change.text = group.length === 1 ? shared + change.text.slice(0, -shared.length) : change.text.slice(0, -shared.length);
    if (group.length === 1 && before) before.text = before.text.slice(0, -shared.length);
    after.text = shared + after.text;
  }
  return out.filter((part) => part.text !== "");
}

/** The text one side of a diff shows: "before" keeps same and removed parts, "after" same and added. */
export function sideOf(parts: DiffPart[], side: "before" | "after"): string {
  return parts
    .filter((part) => part.kind === "same" || part.kind === (side === "before" ? "removed" : "added"))
    .map((part) => part.text)
    .join("");
}

/** How many words were removed and added (white space and punctuation not counted). */
export function countChangedWords(parts: DiffPart[]): { removed: number; added: number } {
  const words = (text: string) => tokenize(text).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
  return parts.reduce(
    (total, part) => ({
      removed: total.removed + (part.kind === "removed" ? words(part.text) : 0),
      added: total.added + (part.kind === "added" ? words(part.text) : 0),
    }),
    { removed: 0, added: 0 },
  );
}
