import "server-only";
import { type Db, Prisma } from "@/lib/db";
import type { Keyring } from "@/lib/privacy/encryption-keys";
import { openText, readDestroyed, type SealedColumn, sealedKeyId, sealText } from "@/lib/privacy/sealed-text";

// Re-seals every sealed value that is not under the active key, so retired
// keys can then be removed from the keyring. Text is opened and sealed again
// row by row; the audit chain hashes digests of the text, which do not change.

export const sealedColumns: SealedColumn[] = [
  "Exchange.question",
  "Exchange.prompt",
  "Exchange.rawAnswer",
  "Exchange.finalAnswer",
  "Finding.evidence",
  "JudgeScore.reasoning",
];

const BATCH = 500;

/** How many values each key id seals now, over all sealed columns ("destroyed" and "unsealed" counted apart). */
export async function countValuesByKey(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const column of sealedColumns) {
    const [table, field] = column.split(".") as [string, string];
    // The first 45 characters hold the format and the key id (at most 32).
    const rows = await db.$queryRaw<{ head: string }[]>`
      SELECT substr(${Prisma.raw(`"${field}"`)}, 1, 45) AS head FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${field}"`)} IS NOT NULL`;
    for (const { head } of rows) {
      const key = readDestroyed(head) ? "destroyed" : (sealedKeyId(head) ?? "unsealed");
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

/** Re-seals one column's values that another key sealed; `onProgress` hears the running total. */
async function resealColumn(db: Db, keyring: Keyring, column: SealedColumn, onProgress: (done: number) => void): Promise<number> {
  const [table, field] = column.split(".") as [string, string];
  const activePrefix = `cam1.${keyring.activeId}.%`;
  let done = 0;
  let after = "";
  for (;;) {
    const rows = await db.$queryRaw<{ id: string; value: string }[]>`
      SELECT "id", ${Prisma.raw(`"${field}"`)} AS value FROM ${Prisma.raw(`"${table}"`)}
      WHERE "id" > ${after} AND ${Prisma.raw(`"${field}"`)} IS NOT NULL
        AND ${Prisma.raw(`"${field}"`)} NOT LIKE ${activePrefix} AND ${Prisma.raw(`"${field}"`)} NOT LIKE 'cam0.%'
      ORDER BY "id" LIMIT ${BATCH}`;
    if (!rows.length) return done;
    await db.$transaction(async (tx) => {
      for (const row of rows) {
        // Text written before sealing existed is sealed for the first time.
        const text = sealedKeyId(row.value) ? openText(keyring, column, row.value) : row.value;
        await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET ${Prisma.raw(`"${field}"`)} = ${sealText(keyring, column, text)} WHERE "id" = ${row.id}`;
      }
    });
    done += rows.length;
    after = rows.at(-1)!.id;
    onProgress(done);
  }
}

/** Re-seals everything under the keyring's active key. */
export async function rotateKeys(db: Db, keyring: Keyring, onProgress: (column: string, done: number) => void = () => {}): Promise<Record<string, number>> {
  const resealed: Record<string, number> = {};
  for (const column of sealedColumns) resealed[column] = await resealColumn(db, keyring, column, (done) => onProgress(column, done));
  return resealed;
}
