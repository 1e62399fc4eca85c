// Time buckets of the dashboard's charts: whole UTC hours, days or months,
// named by the start of their ISO timestamp ("2026-11-26T15", "2026-11-26",
// "2026-11"), which is exactly what the SQL takes from a stored timestamp
// (dashboard-sql.ts). Buckets are UTC so every user and instance sees the same
// numbers; the console shows their start in the reader's time zone. Pure.

export const BUCKET_SIZES = ["hour", "day", "month"] as const;
export type BucketSize = (typeof BUCKET_SIZES)[number];

/** A bucket: its key and the instants it covers, [start, end). */
export type TimeBucket = { key: string; start: string; end: string };

/** Characters of an ISO timestamp that name a bucket of each size. */
export const BUCKET_KEY_LENGTH: Record<BucketSize, number> = { hour: 13, day: 10, month: 7 };

const KEY_PATTERN: Record<BucketSize, RegExp> = {
  hour: /^\d{4}-\d{2}-\d{2}T\d{2}$/,
  day: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-\d{2}$/,
};

/** The key of the bucket holding an instant. */
export function bucketKeyOf(instant: Date, size: BucketSize): string {
  return instant.toISOString().slice(0, BUCKET_KEY_LENGTH[size]);
}

/** The first instant of a bucket. */
export function bucketStart(key: string, size: BucketSize): Date {
  switch (size) {
    case "hour":
      return new Date(`${key}:00:00.000Z`);
    case "day":
      return new Date(`${key}T00:00:00.000Z`);
    case "month":
      return new Date(`${key}-01T00:00:00.000Z`);
  }
}

/** The instant `count` buckets after (or before, when negative) the start of the bucket holding `instant`. */
export function addBuckets(instant: Date, size: BucketSize, count: number): Date {
  const start = bucketStart(bucketKeyOf(instant, size), size);
  switch (size) {
    case "hour":
      return new Date(start.getTime() + count * 3_600_000);
    case "day":
      return new Date(start.getTime() + count * 86_400_000);
    case "month":
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + count, 1));
  }
}

/** Every bucket that overlaps [start, end), in order, empty ones included so gaps in the data stay visible. */
export function listBuckets(start: Date, end: Date, size: BucketSize): TimeBucket[] {
  const buckets: TimeBucket[] = [];
  for (let at = addBuckets(start, size, 0); at < end; at = addBuckets(at, size, 1)) {
    buckets.push({ key: bucketKeyOf(at, size), start: at.toISOString(), end: addBuckets(at, size, 1).toISOString() });
  }
  return buckets;
}

/**
 * A bucket key as the database returned it, in the form above. SQLite stores
 * "2026-11-26T15:…", PostgreSQL prints "2026-11-26 15:…"; anything else means
 * the database prints timestamps in an unexpected style, which would silently
 * put answers in the wrong bucket, so it is refused.
 */
export function normaliseBucketKey(raw: string, size: BucketSize): string {
  const key = size === "hour" ? raw.replace(" ", "T") : raw;
  if (!KEY_PATTERN[size].test(key)) {
    throw new Error(
      `The database returned the timestamp "${raw}" in an unexpected format. On PostgreSQL, set the ISO date style: ALTER DATABASE <name> SET DateStyle = 'ISO, MDY'.`,
    );
  }
  return key;
}
