// Measures evaluateCompliance: p50, p95 and max per answer on ~400-word
// answers with 12 retrieved passages from the seed store, under the default
// pack, 20 admin pattern rules, and both together. Also times the first load
// of the pack (schema parse, pattern compilation), which happens once per
// process. Target: p95 under 2 ms for the default pack + 20 pattern rules.
//
//   node --conditions=react-server --import tsx bench/compliance.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { evaluateCompliance } from "@/lib/compliance/evaluate-compliance";
import type { CheckInput } from "@/lib/compliance/types";
import { type RuleDefinition, rulePackSchema } from "@/lib/schemas/rules";
import { defaultSettings } from "@/lib/schemas/settings";
import { corpusPath } from "../tests/support/shared-corpus";

const ANSWERS = 50;
const PASSAGES = 12;
const WARM_UP = 300; // lets V8 optimise the checks and RE2JS build its DFA states before timing
const RUNS = 3000;
const TARGET_P95_MS = 2;

// Patterns of the kind admins write: word lists, near-synonyms, a lookbehind, clause numbers.
const ADMIN_PATTERNS: [string, "answer" | "question"][] = [
  ["\\b(?:miracle|guaranteed|100%)\\s+(?:cure|recovery)\\b", "answer"],
  ["\\bhomeopath(?:y|ic)\\b", "answer"],
  ["\\b(?:cure|cures|cured)\\b.{0,30}\\b(?:depression|anxiety|cancer)\\b", "answer"],
  ["(?<!do not |don't |never )\\bshare (?:your|their) password\\b", "answer"],
  ["\\btax file number\\b|\\bTFN\\b", "answer"],
  ["\\b(?:sertraline|fluoxetine|escitalopram|venlafaxine|quetiapine|olanzapine|lithium|clozapine)\\b", "answer"],
  ["\\b\\d{1,4}\\s?(?:mg|mcg)\\b", "answer"],
  ["\\bAPP\\s?1[0-3]\\b", "answer"],
  ["\\b(?:ivermectin|hydroxychloroquine)\\b", "answer"],
  ["\\bnot (?:a|my) (?:doctor|clinician)\\b", "answer"],
  ["\\bas an ai\\b", "answer"],
  ["\\b(?:click|visit) (?:here|this link)\\b", "answer"],
  ["https?://\\S+", "answer"],
  ["\\b(?:psilocybin|mdma|ketamine) (?:therapy|treatment)\\b", "answer"],
  ["\\b(?:bitch|bastard|idiot|stupid)\\b", "answer"],
  ["\\b(?:my|our) (?:patient|client) [A-Z][a-z]+ [A-Z][a-z]+\\b", "question"],
  ["\\b(?:date of birth|DOB)\\b", "question"],
  ["\\bignore (?:all |your )?(?:previous |prior )?instructions\\b", "question"],
  ["\\b(?:suicide|self[- ]harm|overdose)\\b", "question"],
  ["\\b(?:child|minor) (?:abuse|protection)\\b", "question"],
];

const patternRules: RuleDefinition[] = ADMIN_PATTERNS.map(([pattern, target], k) => ({
  id: `admin-pattern-${k + 1}`,
  version: 1,
  description: `Admin pattern ${k + 1}`,
  message: "An admin rule matched.",
  severity: k % 5 === 0 ? "info" : "warn",
  check: { kind: "pattern", pattern, flags: "i", target },
  clauses: [],
  enabled: true,
}));

const SENTENCES = [
  "Under APP 6.2(b), a psychologist may disclose health information when an Australian law requires or authorises it [1].",
  "Otherwise, the practitioner should seek the client's consent before sharing notes with another provider [2].",
  "The National Board must conduct a preliminary assessment of each notification it receives under s 150 [3].",
  "Records should be stored securely, with access limited to people who need them for the client's care [4].",
  "APP 11 requires an organisation to take reasonable steps to protect personal information from misuse and loss [5].",
  "If the client asks for a copy of their records, APP 12 generally gives them a right of access [6].",
  "Practitioners should explain the limits of confidentiality at the start of treatment, including mandatory reporting duties [7].",
  "Where there is a serious threat to someone's life, health or safety, disclosure may be permitted without consent [8].",
  "A practitioner who is unsure should talk to their professional body or a privacy officer before acting [9].",
  "Sharing information with a GP for continuity of care is usually within the client's reasonable expectations [10].",
  "The code of conduct asks practitioners to keep accurate, up-to-date and legible records [11].",
  "Research use of identifiable records generally needs ethics approval and, in most cases, consent [12].",
  "Do not stop taking your medication without talking to your doctor, even if you feel better.",
  "If you are worried about your safety, call Lifeline on 13 11 14 or 000 in an emergency.",
  "It can help to write down your questions before an appointment so that nothing is missed.",
  "Your GP can refer you to a psychologist under a Mental Health Treatment Plan.",
];
const RISKY = [
  "Stop taking your sertraline and take 50 mg of St John's wort twice daily instead.",
  "You definitely have bipolar disorder.",
  "You don't need to see a psychologist for this.",
  "I can call you on 0412 345 678 to follow up.",
  "Section 39 of the Act and APP 13 also apply [14].",
];

/** A deterministic pseudo-random generator (mulberry32), so every run times the same answers. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Chunk = { chunk_id: string; text: string };
const chunks = JSON.parse(readFileSync(corpusPath("seed_store/chunks.json"), "utf8")) as Chunk[];
const next = random(42);
const disclaimer = defaultSettings.answer.disclaimer;

function makeInput(n: number): CheckInput {
  const sentences: string[] = [];
  while (sentences.join(" ").split(/\s+/).length < 390) sentences.push(SENTENCES[Math.floor(next() * SENTENCES.length)]!);
  if (n % 2 === 1) sentences.splice(Math.floor(next() * sentences.length), 0, RISKY[n % RISKY.length]!);
  const answer = `${sentences.join(" ")}\n\n${n % 7 === 0 ? "" : disclaimer}`;
  const first = Math.floor(next() * (chunks.length - PASSAGES));
  const passages = chunks.slice(first, first + PASSAGES).map((chunk, k) => ({ rank: k + 1, label: chunk.chunk_id, text: chunk.text }));
  return { question: "My client Jane Citizen asked whether I can share her notes with her GP. Can I?", answer, rawAnswer: answer, passages, disclaimer };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { runs: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? 0) };
}

function time(inputs: CheckInput[], rules: RuleDefinition[]) {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i += 1) {
    const input = inputs[i % inputs.length]!;
    const started = performance.now();
    evaluateCompliance(input, rules);
    if (i >= WARM_UP) samples.push(performance.now() - started);
  }
  return summarise(samples);
}

const inputs = Array.from({ length: ANSWERS }, (_, n) => makeInput(n));
const loadStarted = performance.now();
const fullPack = rulePackSchema.parse([...defaultRulePack, ...patternRules]);
const firstLoadMs = Math.round((performance.now() - loadStarted) * 10) / 10;

const result = {
  measuredAt: new Date().toISOString(),
  machine: `${process.platform} ${process.arch}, Node ${process.version}`,
  answers: { count: ANSWERS, words: Math.round(inputs.reduce((sum, input) => sum + input.answer.split(/\s+/).length, 0) / ANSWERS), passages: PASSAGES },
  firstPackLoadMs: firstLoadMs,
  defaultPack: time(inputs, defaultRulePack),
  patternRules: time(inputs, patternRules),
  both: time(inputs, fullPack),
  targetP95Ms: TARGET_P95_MS,
};
console.table({ "default pack (8 built-in)": result.defaultPack, "20 pattern rules": result.patternRules, "default pack + 20 patterns": result.both });
console.log(`Answers average ${result.answers.words} words with ${PASSAGES} passages; the first load of the pack took ${firstLoadMs} ms.`);
const verdict = result.both.p95 <= TARGET_P95_MS ? "meets" : "MISSES";
console.log(`Default pack + 20 patterns: p95 ${result.both.p95} ms ${verdict} the ${TARGET_P95_MS} ms target.`);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/compliance.json", `${JSON.stringify(result, null, 2)}\n`);
