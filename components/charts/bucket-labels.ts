import type { BucketSize, TimeBucket } from "@/lib/dashboard/time-buckets";

// Names of time buckets for axes and tables. Buckets are UTC days, hours or
// months: days and months are named by their UTC date; hours, which line up
// with the reader's own clock, by their start in the reader's time zone.
// Call only in the browser (the reader's locale and zone). Client-side.

const dayFormat = () => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const monthFormat = () => new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
const hourFormat = () => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
const instantFormat = () => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A short label: "26 Nov" (UTC day), "Nov 2026", or "26 Nov, 11:00 am" (local). */
export function bucketLabel(bucket: TimeBucket, size: BucketSize): string {
  const start = new Date(bucket.start);
  switch (size) {
    case "day":
      return dayFormat().format(start);
    case "month":
      return monthFormat().format(start);
    case "hour":
      return hourFormat().format(start);
  }
}

/** The bucket's span in the reader's time zone: "26 Nov 2026, 11:00 am – 27 Nov 2026, 11:00 am". */
export function bucketSpan(bucket: TimeBucket): string {
  const format = instantFormat();
  return `${format.format(new Date(bucket.start))} – ${format.format(new Date(bucket.end))}`;
}

/** What a bucket is, in words, for axis titles and notes. */
export const BUCKET_NAMES: Record<BucketSize, { axis: string; plural: string }> = {
  hour: { axis: "Hour (your time)", plural: "hours" },
  day: { axis: "Day (UTC)", plural: "UTC days" },
  month: { axis: "Month (UTC)", plural: "UTC months" },
};

/** The reader's time zone name, e.g. "Australia/Sydney". */
export const readerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
