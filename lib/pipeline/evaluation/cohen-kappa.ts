import { VERDICTS, type Verdict } from "@/lib/pipeline/evaluation/types";

// Cohen's kappa between two raters' verdicts: agreement corrected for the
// agreement expected by chance from each rater's own verdict frequencies.
//   p_o = (diagonal of the table) / n
//   p_e = Σ_k (row_k / n) × (column_k / n)
//   κ   = (p_o − p_e) / (1 − p_e)
// Pure.

export type VerdictTable = Record<Verdict, Record<Verdict, number>>;

export type KappaResult = {
  /** Pairs compared. */
  n: number;
  /** Rows: the first rater's verdict; columns: the second's. */
  table: VerdictTable;
  /** p_o, null when n = 0. */
  observedAgreement: number | null;
  /** p_e, null when n = 0. */
  expectedAgreement: number | null;
  /**
   * κ, null when undefined: n = 0, or p_e = 1 (both raters gave one and the same
   * verdict every time, so κ = 0/0; p_o is then 1 and says all there is to say).
   */
  kappa: number | null;
};

/** An all-zero verdict × verdict table. */
export function emptyVerdictTable(): VerdictTable {
  return { allow: { allow: 0, warn: 0, block: 0 }, warn: { allow: 0, warn: 0, block: 0 }, block: { allow: 0, warn: 0, block: 0 } };
}

/** Cohen's kappa over pairs of verdicts [first rater, second rater]. */
export function cohenKappa(pairs: ReadonlyArray<readonly [Verdict, Verdict]>): KappaResult {
  const table = emptyVerdictTable();
  for (const [first, second] of pairs) table[first][second] += 1;
  const n = pairs.length;
  if (n === 0) return { n, table, observedAgreement: null, expectedAgreement: null, kappa: null };
  // Work in whole counts (n × agreements, Σ row × column) so that p_e = 1 is detected exactly.
  const agreements = VERDICTS.reduce((sum, verdict) => sum + table[verdict][verdict], 0);
  const chance = VERDICTS.reduce((sum, verdict) => {
    const row = VERDICTS.reduce((total, other) => total + table[verdict][other], 0);
    const column = VERDICTS.reduce((total, other) => total + table[other][verdict], 0);
    return sum + row * column;
  }, 0);
  const kappa = chance === n * n ? null : (n * agreements - chance) / (n * n - chance);
  return { n, table, observedAgreement: agreements / n, expectedAgreement: chance / (n * n), kappa };
}
