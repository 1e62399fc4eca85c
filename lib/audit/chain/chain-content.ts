import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/config/canonical-json";
import type { Db, Tx } from "@/lib/db";
import type { Keyring } from "@/lib/privacy/encryption-keys";
import { openText, readDestroyed, type SealedColumn, sealedKeyId, textDigest } from "@/lib/privacy/sealed-text";

// The canonical content of each kind of chained record: every column that is
// fixed once written, with sealed text replaced by its digest (so rotating keys
// or destroying old text under the retention policy leaves the hash unchanged)
// and an exchange's passages and findings included (they are part of it).

export const chainKinds = ["exchange", "judge_score", "review_label", "reveal_event", "admin_change"] as const;
export type ChainKind = (typeof chainKinds)[number];

/** The table each kind lives in, for messages and raw queries. */
export const chainTables: Record<ChainKind, string> = {
  exchange: "Exchange",
  judge_score: "JudgeScore",
  review_label: "ReviewLabel",
  reveal_event: "RevealEvent",
  admin_change: "AdminChange",
};

type Reader = Db | Tx;
type Content = Record<string, unknown>;
/** Content is computed on demand: opening sealed text can fail, and that failure belongs to one record. */
export type ContentOf = () => Content;

/** The keyring, fetched only when a sealed value has to be opened (admin changes, labels and reveals need none). */
export type KeyringSource = () => Keyring;

/**
 * The digest that stands for a sealed value: of its text, or the one kept when
 * the text was destroyed. Text written before sealing existed is hashed as it is.
 */
function sealedDigest(keyring: KeyringSource, recordId: string, column: SealedColumn, value: string | null): string | null {
  if (value == null) return null;
  const destroyed = readDestroyed(value);
  if (destroyed) return destroyed.digest;
  return textDigest(recordId, column, sealedKeyId(value) ? openText(keyring(), column, value) : value);
}

/** An exchange's own row, without its relations. */
type ExchangeRow = Awaited<ReturnType<Db["exchange"]["findFirstOrThrow"]>>;
/** A passage as part of its exchange's content: everything but its own id and the exchange's. */
export type PassageContent = Omit<Awaited<ReturnType<Db["passage"]["findFirstOrThrow"]>>, "id" | "exchangeId">;
/** A finding as part of its exchange's content: everything but the exchange's id. */
export type FindingContent = Omit<Awaited<ReturnType<Db["finding"]["findFirstOrThrow"]>>, "exchangeId">;

/** Findings are ordered here, by code unit, so the order never depends on a database's collation. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The content of one exchange from its row, passages and findings. The
 * verifier passes what it reads back; the writer passes the row the database
 * returned from its insert and the passages and findings exactly as it wrote
 * them, so chaining a new exchange needs no reading back.
 */
export function exchangeContent(
  exchange: { row: ExchangeRow; passages: PassageContent[]; findings: FindingContent[] },
  keyring: KeyringSource,
): ContentOf {
  const { row, passages, findings } = exchange;
  const { question, prompt, rawAnswer, finalAnswer, ...fixed } = row;
  return () => ({
    ...fixed,
    question: sealedDigest(keyring, fixed.id, "Exchange.question", question),
    prompt: sealedDigest(keyring, fixed.id, "Exchange.prompt", prompt),
    rawAnswer: sealedDigest(keyring, fixed.id, "Exchange.rawAnswer", rawAnswer),
    finalAnswer: sealedDigest(keyring, fixed.id, "Exchange.finalAnswer", finalAnswer),
    passages: [...passages].sort((a, b) => a.rank - b.rank),
    findings: [...findings].sort(byId).map(({ evidence, ...finding }) => ({
      ...finding,
      evidence: sealedDigest(keyring, finding.id, "Finding.evidence", evidence),
    })),
  });
}

async function exchangeContents(db: Reader, ids: string[], keyring: KeyringSource): Promise<Map<string, ContentOf>> {
  const rows = await db.exchange.findMany({
    where: { id: { in: ids } },
    include: { passages: { omit: { id: true, exchangeId: true } }, findings: { omit: { exchangeId: true } } },
  });
  return new Map(rows.map(({ passages, findings, ...row }) => [row.id, exchangeContent({ row, passages, findings }, keyring)]));
}

async function judgeScoreContents(db: Reader, ids: string[], keyring: KeyringSource): Promise<Map<string, ContentOf>> {
  const rows = await db.judgeScore.findMany({ where: { id: { in: ids } } });
  return new Map(
    rows.map(({ reasoning, ...fixed }) => [
      fixed.id,
      () => ({ ...fixed, reasoning: sealedDigest(keyring, fixed.id, "JudgeScore.reasoning", reasoning) }),
    ]),
  );
}

async function plainContents(db: Reader, kind: "review_label" | "reveal_event" | "admin_change", ids: string[]): Promise<Map<string, ContentOf>> {
  const where = { where: { id: { in: ids } } };
  const rows: Content[] =
    kind === "review_label"
      ? await db.reviewLabel.findMany(where)
      : kind === "reveal_event"
        ? await db.revealEvent.findMany(where)
        : await db.adminChange.findMany(where);
  return new Map(rows.map((row) => [row.id as string, () => row]));
}

/** The canonical content of records of one kind, by id; absent ids are missing from the result. */
export async function loadChainContents(db: Reader, kind: ChainKind, ids: string[], keyring: KeyringSource): Promise<Map<string, ContentOf>> {
  switch (kind) {
    case "exchange":
      return exchangeContents(db, ids, keyring);
    case "judge_score":
      return judgeScoreContents(db, ids, keyring);
    case "review_label":
    case "reveal_event":
    case "admin_change":
      return plainContents(db, kind, ids);
  }
}

/** SHA-256 of canonical JSON (keys sorted at every level, dates as ISO text). */
export function contentHash(content: Content): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
