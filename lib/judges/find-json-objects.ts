// Finds the JSON objects in what a model wrote, the way models really write
// them: inside code fences or prose, with single-quoted strings, unquoted keys
// or values (`helpfulness: 4/5`), raw line breaks in strings, trailing commas,
// or cut off in the middle of the last string. Each `{` in the text starts a
// candidate, outermost first, which is rewritten as strict JSON and parsed;
// candidates that cannot be recovered are skipped. Pure.

import { parseWellFormedJson } from "@/lib/well-formed-json";

/** A parsed object, and whether it was recovered from text cut off inside a string. */
export type FoundJson = { value: unknown; truncated: boolean };

/** Replies longer than this are chatter beyond any judge's answer; the rest is not searched. */
const MAX_SCAN_CHARS = 20_000;
/** Enough candidates for prose with stray braces; bounds the work on pathological replies. */
const MAX_CANDIDATES = 50;

const STRUCTURE = new Set(["{", "}", "[", "]", ",", ":", '"', "'"]);
const JSON_LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

type Rewrite = { kind: "complete"; json: string } | { kind: "truncated"; json: string } | { kind: "failed" };

/** A quoted string from `start` (its opening quote) as a JSON string; `end` is past the closing quote, or undefined when the text ends first. */
function readString(text: string, start: number): { json: string; end: number | undefined } {
  const quote = text[start];
  let body = "";
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === quote) return { json: `"${body}"`, end: i + 1 };
    if (char === "\\") {
      if (i + 1 === text.length) break; // Cut off mid-escape: drop the lone backslash.
      const next = text[i + 1] as string;
      body += next === "'" ? "'" : `\\${next}`;
      i += 1;
    } else if (char === '"') body += '\\"';
    else if (char === "\n") body += "\\n";
    else if (char === "\r") body += "\\r";
    else if (char === "\t") body += "\\t";
    else body += char;
  }
  return { json: `"${body}…"`, end: undefined };
}

/** The candidate starting at `start` (a `{`) rewritten as strict JSON, up to its matching `}`. */
function rewriteCandidate(text: string, start: number): Rewrite {
  const open: string[] = [];
  let json = "";
  let i = start;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '"' || char === "'") {
      const string = readString(text, i);
      json += string.json;
      if (string.end === undefined) return { kind: "truncated", json: json + closers(open) };
      i = string.end;
      continue;
    }
    if (char === "{" || char === "[") open.push(char);
    if (char === "}" || char === "]") {
      if (open.pop() !== (char === "}" ? "{" : "[")) return { kind: "failed" };
      json = json.replace(/,\s*$/, "");
      if (open.length === 0) return { kind: "complete", json: json + char };
    }
    if (STRUCTURE.has(char) || /\s/.test(char)) {
      json += char;
      i += 1;
      continue;
    }
    // A bare word or phrase up to the next structural character: kept if it is a JSON literal, quoted otherwise.
    let end = i;
    while (end < text.length && !STRUCTURE.has(text[end] as string) && text[end] !== "\n") end += 1;
    if (end === text.length) return { kind: "failed" }; // Cut off in a bare value: a number may have lost digits.
    const word = text.slice(i, end).trim();
    json += JSON_LITERAL.test(word) ? word : JSON.stringify(word);
    json += text.slice(i, end).match(/\s*$/)?.[0] ?? "";
    i = end;
  }
  // The text ended between values: close what is open, unless a key or value was left dangling.
  return /[{[,]\s*$|[}\]"]\s*$/.test(json) && !/:\s*$/.test(json) ? { kind: "truncated", json: json.replace(/,\s*$/, "") + closers(open) } : { kind: "failed" };
}

const closers = (open: string[]) => [...open].reverse().map((bracket) => (bracket === "{" ? "}" : "]")).join("");

/** Every object a `{` in the text starts that can be recovered, outermost first, in the order they begin. */
export function findJsonObjects(text: string): FoundJson[] {
  const scanned = text.slice(0, MAX_SCAN_CHARS);
  const found: FoundJson[] = [];
  let tried = 0;
  for (let start = scanned.indexOf("{"); start !== -1 && tried < MAX_CANDIDATES; start = scanned.indexOf("{", start + 1)) {
    tried += 1;
    const rewrite = rewriteCandidate(scanned, start);
    if (rewrite.kind === "failed") continue;
    try {
      found.push({ value: parseWellFormedJson(rewrite.json), truncated: rewrite.kind === "truncated" });
    } catch {
      // Not recoverable (e.g. an unescaped quote inside a string); try the next candidate.
    }
  }
  return found;
}
