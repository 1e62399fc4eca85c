// Finds the shapes that make a regular expression take exponential or
// high-polynomial time in a backtracking engine such as JavaScript's RegExp:
// a repeated group whose body can end in another unbounded repeat of the same
// characters ("(a+)+", "(\w+\s?)*"), and a repeated group whose alternatives
// can start with the same character ("(a|aa)+"). CAM itself runs rule
// patterns on a linear-time engine, so these are refused for clarity and for
// whatever else may run a stored pattern (a preview, an export), not to keep
// the engine safe. The analysis is syntactic and errs towards refusing.

import { classEnd } from "@/lib/compliance/pattern-syntax";

type Atom = { type: "atom"; source: string; literal: string | null };
type Assertion = { type: "assertion" };
type Group = { type: "group"; alternatives: Node[][]; zeroWidth: boolean };
type Repeat = { type: "repeat"; node: Node; min: number; max: number; start: number; end: number };
type Node = Atom | Assertion | Group | Repeat;

/** A hazard and the repeated part of the pattern that has it, e.g. "(a+)+". */
export type PatternHazard = { kind: "nested-quantifier" | "overlapping-alternatives"; fragment: string };

const SYNTAX_CHARS = /[\\^$.*+?()[\]{}|/-]/;

function literalAtom(char: string): Atom {
  return { type: "atom", source: SYNTAX_CHARS.test(char) ? `\\${char}` : char, literal: char };
}

/** Parses JavaScript (and RE2) pattern syntax into just enough structure for the checks below. */
function parsePattern(source: string): Node[][] {
  let at = 0;
  const readUntil = (end: string) => {
    const close = source.indexOf(end, at);
    at = close < 0 ? source.length : close + end.length;
  };

  function parseEscape(): Node {
    const start = at;
    const next = source[at + 1] ?? "";
    at += 2;
    if ("bBAz".includes(next)) return { type: "assertion" };
    if ((next === "u" || next === "x" || next === "p" || next === "P") && source[at] === "{") readUntil("}");
    else if (next === "p" || next === "P") at += 1; // RE2's one-letter form, \pL
    else if (next === "u") at += 4;
    else if (next === "x" || next === "c") at += next === "x" ? 2 : 1;
    else if (next === "k" && source[at] === "<") readUntil(">");
    else if (next === "Q") {
      readUntil("\\E");
      const text = source.slice(start + 2, at).replace(/\\E$/, "");
      return { type: "group", alternatives: [[...text].map(literalAtom)], zeroWidth: false };
    } else if (/\d/.test(next)) while (/\d/.test(source[at] ?? "")) at += 1;
    return { type: "atom", source: source.slice(start, at), literal: /[a-zA-Z0-9]/.test(next) ? null : next };
  }

  function parseClass(): Atom {
    const start = at;
    at = classEnd(source, at);
    return { type: "atom", source: source.slice(start, at), literal: null };
  }

  function parseGroup(): Node {
    const opener = /^\((\?(?:[:=!]|<[=!]|P?<[^>]*>|[a-zA-Z-]*[:)])?)?/.exec(source.slice(at))![0];
    at += opener.length;
    if (opener.endsWith(")")) return { type: "assertion" }; // inline flags such as (?i)
    const zeroWidth = /^\(\?<?[=!]/.test(opener);
    const alternatives = parseAlternatives();
    at += 1; // the closing parenthesis
    return { type: "group", alternatives, zeroWidth };
  }

  function parseTerm(): Node {
    const char = String.fromCodePoint(source.codePointAt(at)!);
    if (char === "\\") return parseEscape();
    if (char === "[") return parseClass();
    if (char === "(") return parseGroup();
    at += char.length;
    if (char === "^" || char === "$") return { type: "assertion" };
    if (char === ".") return { type: "atom", source: ".", literal: null };
    return literalAtom(char);
  }

  function parseQuantifier(node: Node, start: number): Node {
    const match = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})[?+]?/.exec(source.slice(at));
    if (!match) return node;
    at += match[0].length;
    const [, symbol, min, comma, max] = match;
    const bounds = symbol
      ? { min: symbol === "+" ? 1 : 0, max: symbol === "?" ? 1 : Infinity }
      : { min: Number(min), max: comma ? (max ? Number(max) : Infinity) : Number(min) };
    return { type: "repeat", node, ...bounds, start, end: at };
  }

  function parseAlternatives(): Node[][] {
    const alternatives: Node[][] = [[]];
    while (at < source.length && source[at] !== ")") {
      if (source[at] === "|") {
        at += 1;
        alternatives.push([]);
        continue;
      }
      const start = at;
      alternatives.at(-1)!.push(parseQuantifier(parseTerm(), start));
    }
    return alternatives;
  }

  const top: Node[][] = [];
  while (at < source.length) {
    top.push(...parseAlternatives());
    at += 1; // an unbalanced ")" (the engine reports it; skip it here)
  }
  return top;
}

const nullable = (node: Node): boolean =>
  node.type === "assertion" ||
  (node.type === "group" && (node.zeroWidth || node.alternatives.some((alt) => alt.every(nullable)))) ||
  (node.type === "repeat" && (node.min === 0 || nullable(node.node)));

/** The atoms that can match the first character of a node. */
function firstAtoms(node: Node): Atom[] {
  if (node.type === "atom") return [node];
  if (node.type === "repeat") return firstAtoms(node.node);
  if (node.type === "group" && !node.zeroWidth) return node.alternatives.flatMap(firstAtomsOfSequence);
  return [];
}

function firstAtomsOfSequence(sequence: Node[]): Atom[] {
  const atoms: Atom[] = [];
  for (const node of sequence) {
    atoms.push(...firstAtoms(node));
    if (!nullable(node)) break;
  }
  return atoms;
}

/** Unbounded repeats that a match of the node can end with. */
function trailingRepeats(node: Node): Repeat[] {
  if (node.type === "repeat") return [...(node.max === Infinity ? [node] : []), ...trailingRepeats(node.node)];
  if (node.type === "group" && !node.zeroWidth) return node.alternatives.flatMap(trailingRepeatsOfSequence);
  return [];
}

function trailingRepeatsOfSequence(sequence: Node[]): Repeat[] {
  const repeats: Repeat[] = [];
  for (let k = sequence.length - 1; k >= 0; k -= 1) {
    repeats.push(...trailingRepeats(sequence[k]!));
    if (!nullable(sequence[k]!)) break;
  }
  return repeats;
}

// Characters tried when asking whether two atoms can match the same character.
const PROBE_CHARACTERS = [
  ...Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k)),
  ...["\t", "\n", "\r", "\u00a0", "\u2028", "é", "É", "ß", "ſ", "K", "Ω", "ж", "中"],
];
const probeCache = new Map<string, (char: string) => boolean>();

function atomMatcher(atom: Atom, flags: string): (char: string) => boolean {
  const key = JSON.stringify([flags, atom.source]);
  let matcher = probeCache.get(key);
  if (!matcher) {
    try {
      // Syntax only RE2 knows (\pL, \x{e9}, [[:alpha:]]) could mean something else to RegExp: assume the worst.
      if (/\\[pP](?!\{)|\\x\{|\[:|\\C/.test(atom.source)) throw new Error("RE2-only syntax");
      const unicode = /\\[pPu]\{/.test(atom.source) ? "u" : "";
      const regex = new RegExp(`^(?:${atom.source})$`, flags.replace(/[^is]/g, "") + (flags.includes("u") ? "u" : unicode));
      matcher = (char) => regex.test(char);
    } catch {
      matcher = () => true;
    }
    if (probeCache.size > 2000) probeCache.clear();
    probeCache.set(key, matcher);
  }
  return matcher;
}

function atomsOverlap(left: Atom[], right: Atom[], flags: string): boolean {
  return left.some((a) => right.some((b) => PROBE_CHARACTERS.some((char) => atomMatcher(a, flags)(char) && atomMatcher(b, flags)(char))));
}

/** A literal-only alternative as text, or null. */
function literalText(sequence: Node[]): string | null {
  let text = "";
  for (const node of sequence) {
    if (node.type !== "atom" || node.literal === null) return null;
    text += node.literal;
  }
  return text;
}

function alternativesOverlap(alternatives: Node[][], flags: string): boolean {
  const fold = (text: string) => (flags.includes("i") ? text.toLowerCase() : text);
  for (let i = 0; i < alternatives.length; i += 1) {
    for (let j = i + 1; j < alternatives.length; j += 1) {
      const [left, right] = [literalText(alternatives[i]!), literalText(alternatives[j]!)];
      // Two literal words only collide when one is a prefix of the other ("a|aa"), not "stop|start".
      if (left !== null && right !== null) {
        if (left && right && (fold(left).startsWith(fold(right)) || fold(right).startsWith(fold(left)))) return true;
        continue;
      }
      if (atomsOverlap(firstAtomsOfSequence(alternatives[i]!), firstAtomsOfSequence(alternatives[j]!), flags)) return true;
    }
  }
  return false;
}

function groupsWithin(node: Node): Group[] {
  if (node.type === "repeat") return groupsWithin(node.node);
  if (node.type !== "group" || node.zeroWidth) return [];
  return [node, ...node.alternatives.flatMap((alt) => alt.flatMap(groupsWithin))];
}

function childrenOf(node: Node): Node[] {
  if (node.type === "repeat") return [node.node];
  if (node.type === "group") return node.alternatives.flat();
  return [];
}

/** Whether some part of the text can match the pattern with no characters at all ("x*", "\\b", "^$"). */
export function canMatchEmpty(source: string): boolean {
  return parsePattern(source).some((alternative) => alternative.every(nullable));
}

/** The first backtracking hazard in a pattern, or undefined. `flags` are JavaScript flags. */
export function findPatternHazard(source: string, flags: string): PatternHazard | undefined {
  const pending: Node[] = parsePattern(source).flat();
  while (pending.length > 0) {
    const node = pending.pop()!;
    pending.push(...childrenOf(node));
    if (node.type !== "repeat" || node.max < 2) continue;
    const bodyStart = firstAtoms(node.node);
    if (trailingRepeats(node.node).some((inner) => atomsOverlap(firstAtoms(inner.node), bodyStart, flags))) {
      return { kind: "nested-quantifier", fragment: source.slice(node.start, node.end) };
    }
    if (groupsWithin(node).some((group) => group.alternatives.length > 1 && alternativesOverlap(group.alternatives, flags))) {
      return { kind: "overlapping-alternatives", fragment: source.slice(node.start, node.end) };
    }
  }
  return undefined;
}
