import { isValidIhi } from "@/lib/privacy/healthcare-identifier";
import { isValidMedicareNumber } from "@/lib/privacy/medicare-number";
import { knownNamesDetector, NAME_DETECTORS, nameWords } from "@/lib/privacy/personal-names";

// Personal identifiers in free text: Medicare numbers and IHIs (check digits
// verified), Australian phone numbers, email addresses, dates, street
// addresses and, heuristically, personal names. Each kind is one detector in
// DETECTORS. Pure and client-safe. Every pattern starts at a token boundary
// and has bounded repeats, so the scan stays linear in the length of the text.

export type IdentifierKind = "medicare" | "ihi" | "phone" | "email" | "birth-date" | "date" | "address" | "name";

export type DetectedIdentifier = { kind: IdentifierKind; value: string; start: number; end: number };

/** What each kind is replaced with when redacted. */
export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  medicare: "[medicare number]",
  ihi: "[IHI]",
  phone: "[phone number]",
  email: "[email]",
  "birth-date": "[date of birth]",
  date: "[date]",
  address: "[address]",
  name: "[name]",
};

/** Kinds that identify one person by themselves, as opposed to heuristic finds (dates, addresses, names). */
export const EXACT_IDENTIFIER_KINDS: ReadonlySet<IdentifierKind> = new Set(["medicare", "ihi", "phone", "email"]);

type Span = { start: number; end: number };
export type Detector = { kind: IdentifierKind; find: (text: string) => Span[] };

/** A detector from a global pattern, keeping the matches `accept` approves. */
export function patternDetector(kind: IdentifierKind, pattern: RegExp, accept: (value: string) => boolean = () => true): Detector {
  return {
    kind,
    find: (text) =>
      [...text.matchAll(pattern)]
        .filter((match) => accept(match[0]))
        .map((match) => ({ start: match.index, end: match.index + match[0].length })),
  };
}

// 10 digits in the printed 4-5-1 grouping (one space or hyphen, used
// consistently) or run together, optionally followed by the 1-9 individual
// reference number.
const MEDICARE = /(?<![\d.])[2-6]\d{3}([ -]?)\d{5}\1\d(?:(?:\1|\s?\/\s?)[1-9])?(?!\d|\.\d)/g;

// Mobiles (04xx xxx xxx, +61 4xx xxx xxx), landlines with an area code
// ((02) xxxx xxxx, +61 2 xxxx xxxx), 1300/1800 numbers in any grouping, and
// 13 xx xx numbers.
const PHONE_PATTERNS = [
  /(?<![\w+])(?:\+61|0061)[ -]?(?:4\d{2}[ -]?\d{3}[ -]?\d{3}|\(?[2378]\)?[ -]?\d{4}[ -]?\d{4})(?!\d)/g,
  /(?<![\w+])04\d{2}[ -]?\d{3}[ -]?\d{3}(?!\d)/g,
  /(?<![\w+])(?:\(0[2378]\)|0[2378])[ -]?\d{4}[ -]?\d{4}(?!\d)/g,
  /(?<![\w+.])1[38]00(?:[ -]?\d){6}(?!\d)/g,
  /(?<![\w+.])13(?!00)[ -]?\d{2}[ -]?\d{2}(?!\d|\.\d)/g,
];

// Local part and domain labels are bounded (RFC 5321 limits), and a match can
// only start after a character that cannot belong to an address.
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-])/g;

// 16 digits from the issuer prefix 8003 60, run together or in groups of four.
const IHI = /(?<![\d.])8003[ -]?60\d{2}[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

// A full date: 3/4/1956, 03-04-1956, "3 April 1956", "April 3, 1956". Dotted forms (1.2.2024) are
// version numbers as often as dates, and two-digit years too ambiguous, so neither counts.
const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DATE_FORMS = [
  "(?<![\\d/.-])(?:0?[1-9]|[12]\\d|3[01])([/-])(?:0?[1-9]|1[0-2])\\1(?:19|20)\\d{2}(?![\\d/-]|\\.\\d)",
  `(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s${MONTH}\\.?,?\\s(?:19|20)\\d{2}(?!\\d)`,
  `\\b${MONTH}\\.?\\s(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?,?\\s(?:19|20)\\d{2}(?!\\d)`,
];
const DATE = new RegExp(DATE_FORMS.map((form) => `(?:${form})`).join("|"), "gi");
// "DOB", "D.O.B.", "date of birth", "born (on)", "birthdate" shortly before a date makes it a date of birth.
const BIRTH_CONTEXT = /(?:\bD\.?O\.?B\b\.?|date\s+of\s+birth|\bborn(?:\s+on)?|birth\s?date)\W{0,5}$/i;

function dateDetectors(): Detector[] {
  const findDates = (text: string) => [...text.matchAll(DATE)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  const isBirthDate = (text: string, span: Span) => BIRTH_CONTEXT.test(text.slice(Math.max(0, span.start - 24), span.start));
  return [
    { kind: "birth-date", find: (text) => findDates(text).filter((span) => isBirthDate(text, span)) },
    { kind: "date", find: (text) => findDates(text).filter((span) => !isBirthDate(text, span)) },
  ];
}

// A street address: an optional unit ("Unit 4,", "4/"), a number, one to three
// capitalised words and a street type, then optionally a suburb, state and postcode.
const STREET_TYPE =
  "(?:Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Court|Ct|Place|Pl|Lane|Ln|Crescent|Cres|Parade|Pde|Highway|Hwy|Boulevard|Blvd|Terrace|Tce|Way|Close|Cl|Circuit|Cct|Grove|Gr)";
const ADDRESS = new RegExp(
  "(?<![\\w/])(?:(?:Unit|Apt|Apartment|Flat)\\s\\d{1,4}[A-Za-z]?,?\\s|\\d{1,4}[A-Za-z]?/)?\\d{1,5}[A-Za-z]?\\s" +
    `(?:[A-Z][a-z'-]{1,20}\\s){1,3}${STREET_TYPE}\\b` +
    "(?:,?\\s[A-Z][a-z'-]{1,20}(?:\\s[A-Z][a-z'-]{1,20}){0,2})?(?:,?\\s(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\\b)?(?:,?\\s\\d{4}(?!\\d))?",
  "g",
);

/** Detectors in priority order: when two overlap at the same start, the first listed wins. */
const DETECTORS: Detector[] = [
  patternDetector("medicare", MEDICARE, isValidMedicareNumber),
  patternDetector("ihi", IHI, isValidIhi),
  ...PHONE_PATTERNS.map((pattern) => patternDetector("phone", pattern)),
  patternDetector("email", EMAIL, (value) => !value.startsWith(".") && !value.includes("..")),
  ...dateDetectors(),
  patternDetector("address", ADDRESS),
  ...NAME_DETECTORS,
];

/** What else is known when looking at a text: the words of names found in the question it answers. */
export type IdentifierContext = { knownNames?: string[] };

/** Every identifier in a text, in order of position; overlapping finds keep the longest. */
export function detectIdentifiers(text: string, context: IdentifierContext = {}): DetectedIdentifier[] {
  const detectors = context.knownNames?.length ? [...DETECTORS, knownNamesDetector(context.knownNames)] : DETECTORS;
  const found = detectors.flatMap((detector, priority) =>
    detector.find(text).map((span) => ({ ...span, kind: detector.kind, priority })),
  );
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.priority - b.priority);
  const kept: DetectedIdentifier[] = [];
  for (const { kind, start, end } of found) {
    const last = kept.at(-1);
    if (last && start < last.end) continue;
    kept.push({ kind, value: text.slice(start, end), start, end });
  }
  return kept;
}

/** The words of the personal names in a text, to pass as `knownNames` for texts that may repeat them. */
export function namesIn(text: string): string[] {
  return nameWords(detectIdentifiers(text).filter((identifier) => identifier.kind === "name").map((identifier) => identifier.value));
}

/** The text with each identifier replaced by its label, e.g. "[phone number]". */
export function redactIdentifiers(text: string, context: IdentifierContext = {}): string {
  let redacted = "";
  let from = 0;
  for (const identifier of detectIdentifiers(text, context)) {
    redacted += text.slice(from, identifier.start) + IDENTIFIER_LABELS[identifier.kind];
    from = identifier.end;
  }
  return redacted + text.slice(from);
}

/** A form of an identifier for comparing mentions: digits only (+61 as 0) or a lower-case email. */
export function normaliseIdentifier(identifier: Pick<DetectedIdentifier, "kind" | "value">): string {
  if (identifier.kind === "email") return identifier.value.toLowerCase();
  const digits = identifier.value.replace(/\D/g, "");
  if (identifier.kind === "medicare") return digits.slice(0, 10);
  return digits.replace(/^(?:0061|61)(?=[2-478]\d{8}$)/, "0");
}

/** Whether a detected phone number is a mobile (04xx, +61 4xx): numbers a person, not an organisation, holds. */
export function isMobileNumber(identifier: Pick<DetectedIdentifier, "kind" | "value">): boolean {
  return identifier.kind === "phone" && normaliseIdentifier(identifier).startsWith("04");
}
