import "server-only";
import type { Keyring } from "@/lib/privacy/encryption-keys";
import { openForDisplay, type SealedColumn } from "@/lib/privacy/sealed-text";

// Readers fetch rows with whatever fields they need; these open the sealed ones
// among them (a destroyed value reads as a note saying so) and pass the rest through.

type ColumnsOf = Record<string, SealedColumn>;

const exchangeColumns: ColumnsOf = {
  question: "Exchange.question",
  prompt: "Exchange.prompt",
  rawAnswer: "Exchange.rawAnswer",
  finalAnswer: "Exchange.finalAnswer",
};
const findingColumns: ColumnsOf = { evidence: "Finding.evidence" };
const judgeScoreColumns: ColumnsOf = { reasoning: "JudgeScore.reasoning" };

function openColumns<Row extends object>(keyring: Keyring, row: Row, columns: ColumnsOf): Row {
  const opened = { ...row } as Record<string, unknown>;
  for (const [field, column] of Object.entries(columns)) {
    const value = opened[field];
    if (typeof value === "string") opened[field] = openForDisplay(keyring, column, value);
  }
  return opened as Row;
}

/** The row with its question, prompt, raw and final answer opened, those of them it has. */
export const openExchangeColumns = <Row extends object>(keyring: Keyring, row: Row): Row => openColumns(keyring, row, exchangeColumns);

/** The finding with its evidence opened. */
export const openFindingColumns = <Row extends object>(keyring: Keyring, row: Row): Row => openColumns(keyring, row, findingColumns);

/** The judge score with its reasoning opened. */
export const openJudgeScoreColumns = <Row extends object>(keyring: Keyring, row: Row): Row => openColumns(keyring, row, judgeScoreColumns);
