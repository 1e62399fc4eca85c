// The histogram's buckets of 0–5 judge scores: half a point wide, each named
// by its lower edge ("4.5" holds 4.5 up to 4.99), with 5 on its own. Judges
// mostly give whole or half points, so each bar is in practice one score. Pure.

/** Lower edges of the buckets, ascending; the index is the bucket number the SQL returns. */
export const SCORE_BUCKET_LOWS: readonly number[] = Array.from({ length: 11 }, (_, index) => index / 2);

/** The text for bucket `index`: "4.5" for 4.5–4.99, "5" for exactly 5. */
export function scoreBucketLabel(index: number): string {
  const low = SCORE_BUCKET_LOWS[index];
  if (low === undefined) throw new RangeError(`There is no score bucket ${index}.`);
  return String(low);
}

/** The bucket number of a score, as the SQL computes it. */
export function scoreBucketOf(score: number): number {
  let index = 0;
  SCORE_BUCKET_LOWS.forEach((low, candidate) => {
    if (score >= low) index = candidate;
  });
  return index;
}
