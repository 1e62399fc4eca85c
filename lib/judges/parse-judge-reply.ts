import { z } from "zod";
import { findJsonObjects } from "@/lib/judges/find-json-objects";

// A judge model's reply read as scores, trusting nothing. The first JSON
// object (at any depth) that carries both scores as numbers decides; an object
// whose scores are placeholders such as "<0-5>" (a model echoing the requested
// format) is passed over. Scores may be numbers, numeric strings, "4/5" or
// "4 out of 5", under keys in any case ("Helpfulness", "compliance_score").
// A score outside 0-5 is rejected, never clamped: a judge on another scale
// would otherwise be misread. Pure.

/** What a judge concluded. */
export type JudgeReply = { helpfulness: number; compliance: number; reasoning: string };

/** A reply that does not carry two valid scores; the message quotes a short, cleaned excerpt of it. */
export class JudgeReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JudgeReplyError";
  }
}

/** Long enough to recognise the reply in a log, short enough for a table cell. */
const EXCERPT_CHARS = 160;
/** Asked for one short paragraph; anything longer is chatter, and the record stays small. */
const MAX_REASONING_CHARS = 2_000;
/** Scores nested deeper than this are not a judge's answer. */
const MAX_DEPTH = 4;

/** "4", "4.5", ".5", "4/5", "4 / 5", "4 out of 5", "4.5/5.0". */
const SCORE_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:(?:\/|out of)\s*5(?:\.0*)?)?$/i;

const keyAliases: Record<string, "helpfulness" | "compliance" | "reasoning"> = {
  helpfulness: "helpfulness",
  helpfulnessscore: "helpfulness",
  helpful: "helpfulness",
  compliance: "compliance",
  compliancescore: "compliance",
  reasoning: "reasoning",
  reason: "reasoning",
  rationale: "reasoning",
  explanation: "reasoning",
  justification: "reasoning",
};

/** A score as a number when it reads as one; otherwise unchanged, for the schema to reject. */
function toScore(value: unknown): unknown {
  if (typeof value === "string") {
    const match = SCORE_TEXT.exec(value.trim());
    return match ? Number(match[1]) : value;
  }
  // {"helpfulness": {"score": 4, "reason": "..."}}
  if (value && typeof value === "object" && !Array.isArray(value) && "score" in value) return toScore(value.score);
  return value;
}

const score = (name: string) =>
  z.preprocess(
    toScore,
    z
      .number({ error: (issue) => `gave ${name} ${describe(issue.input)}, which is not a number from 0 to 5` })
      .min(0, { error: (issue) => `gave ${name} ${describe(issue.input)}, outside the 0-5 scale` })
      .max(5, { error: (issue) => `gave ${name} ${describe(issue.input)}, outside the 0-5 scale` }),
  );

const judgeReplySchema = z.object({ helpfulness: score("helpfulness"), compliance: score("compliance"), reasoning: z.string() });

const describe = (value: unknown) => truncate(typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value)), 40);
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The reply cleaned for quoting in a message: no control or direction characters, one line, short. */
export function excerptOf(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, " ").replace(/\s+/g, " ").trim();
  return `“${truncate(clean, EXCERPT_CHARS)}”`;
}

type Fields = Partial<Record<"helpfulness" | "compliance" | "reasoning", unknown>>;

/** The object's judge fields under their canonical names (first spelling wins). */
function judgeFields(object: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const [key, value] of Object.entries(object)) {
    const name = keyAliases[key.toLowerCase().replace(/[^a-z]/g, "")];
    if (name && !(name in fields)) fields[name] = value;
  }
  return fields;
}

/** Objects inside a value, depth first, each with the nearest reasoning around it. */
function* objectsIn(value: unknown, reasoning: unknown, depth = 0): Generator<{ fields: Fields; reasoning: unknown }> {
  if (depth > MAX_DEPTH || !value || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) yield* objectsIn(item, reasoning, depth + 1);
    return;
  }
  const fields = judgeFields(value as Record<string, unknown>);
  const nearest = fields.reasoning ?? reasoning;
  yield { fields, reasoning: nearest };
  for (const child of Object.values(value)) yield* objectsIn(child, nearest, depth + 1);
}

function reasoningText(value: unknown, truncated: boolean): string {
  const text = typeof value === "string" ? value : Array.isArray(value) && value.every((part) => typeof part === "string") ? value.join(" ") : "";
  const trimmed = text.trim();
  return truncate(truncated && trimmed && !trimmed.endsWith("…") ? `${trimmed}…` : trimmed, MAX_REASONING_CHARS);
}

/** The scores and reasoning in a judge's reply; throws JudgeReplyError saying what was wrong. */
export function parseJudgeReply(text: string): JudgeReply {
  if (!text.trim()) throw new JudgeReplyError("The judge's reply was empty.");
  const fail = (problem: string): never => {
    throw new JudgeReplyError(`The judge's reply ${problem}: ${excerptOf(text)}`);
  };
  const found = findJsonObjects(text);
  let placeholder: Fields | undefined;
  let partial: Fields | undefined;
  for (const { value, truncated } of found) {
    for (const { fields, reasoning } of objectsIn(value, undefined)) {
      const hasHelpfulness = "helpfulness" in fields;
      const hasCompliance = "compliance" in fields;
      if (!hasHelpfulness || !hasCompliance) {
        if (hasHelpfulness || hasCompliance) partial ??= fields;
        continue;
      }
      if (typeof toScore(fields.helpfulness) !== "number" || typeof toScore(fields.compliance) !== "number") {
        placeholder ??= fields;
        continue;
      }
      const result = judgeReplySchema.safeParse({ ...fields, reasoning: reasoningText(reasoning, truncated) });
      if (!result.success) return fail(result.error.issues.map((issue) => issue.message).join(" and "));
      return result.data;
    }
  }
  if (placeholder) {
    const result = judgeReplySchema.safeParse({ ...placeholder, reasoning: "" });
    return fail(result.error?.issues.map((issue) => issue.message).join(" and ") ?? "gave scores that are not numbers");
  }
  if (partial) return fail(`had no ${"helpfulness" in partial ? "compliance" : "helpfulness"} score`);
  if (found.length > 0) return fail("had no helpfulness and compliance scores");
  return fail("was not valid JSON");
}
