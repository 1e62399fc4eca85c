// Small scanners over pattern source text (JavaScript and RE2 syntax) that the
// safety check and the pattern screen share. Pure and client-safe.

/** Where the bracketed class starting at `start` ends (the index after its "]"). */
export function classEnd(source: string, start: number): number {
  let at = start + (source[start + 1] === "^" ? 2 : 1);
  if (source[at] === "]") at += 1; // a "]" first in a class is a literal in RE2
  while (at < source.length && source[at] !== "]") {
    if (source.startsWith("[:", at)) {
      const close = source.indexOf(":]", at);
      at = close < 0 ? source.length : close + 2;
    } else at += source[at] === "\\" ? 2 : 1;
  }
  return at + 1;
}

/**
 * The pattern with its lookbehind groups removed. Lookbehinds only ever rule
 * matches out, so the result matches wherever the pattern does: a cheap
 * screen before running the (slower) pattern with its lookbehinds.
 */
export function withoutLookbehinds(source: string): string {
  let result = "";
  let at = 0;
  while (at < source.length) {
    if (source.startsWith("\\Q", at)) {
      const end = source.indexOf("\\E", at);
      const stop = end < 0 ? source.length : end + 2;
      result += source.slice(at, stop);
      at = stop;
    } else if (source[at] === "\\") {
      result += source.slice(at, at + 2);
      at += 2;
    } else if (source[at] === "[") {
      const end = classEnd(source, at);
      result += source.slice(at, end);
      at = end;
    } else if (source.startsWith("(?<=", at) || source.startsWith("(?<!", at)) {
      let depth = 0;
      do {
        if (source[at] === "\\") at += 1;
        else if (source[at] === "[") at = classEnd(source, at) - 1;
        else if (source[at] === "(") depth += 1;
        else if (source[at] === ")") depth -= 1;
        at += 1;
      } while (at < source.length && depth > 0);
    } else {
      result += source[at];
      at += 1;
    }
  }
  return result;
}
