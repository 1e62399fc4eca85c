import { AppError } from "@/lib/errors";

// The refusals shared by every write of a rule-pack or settings version.

/** Someone else saved a version after this change was started from `baseVersion`. */
export const staleVersion = (what: string, active: number, base: number) =>
  new AppError(
    "conflict",
    `The ${what} changed while you were editing: version ${active} is now in force, and your change started from version ${base}. Reload the page to see version ${active}, then make your change again.`,
  );

/** The new version would be identical to the one in force. */
export const nothingChanged = (what: string, active: number) =>
  new AppError("bad_request", `Nothing changed: this is the same as the ${what} in force (version ${active}). Make a change before saving.`);

/** The database has no version in force at all (not seeded). */
export const noActiveVersion = (what: string) =>
  new AppError("service_unavailable", `No active ${what} is installed. Run \`npm run cam -- db seed\`.`);

/** Admin-change summaries are read in lists; the full before and after are stored beside them. */
export const MAX_SUMMARY_CHARS = 1000;

export const clipSummary = (text: string) => (text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS - 1)}…` : text);

/** Roll-backs activate at once because their target was approved before; a draft or a rejected version never was. */
export function assertOnceApproved(what: string, target: { version: number; status: string }): void {
  if (target.status === "draft" || target.status === "rejected") {
    throw new AppError(
      "bad_request",
      `The ${what} version ${target.version} is ${target.status === "draft" ? "a draft" : "rejected"} and was never approved, so it cannot be rolled back to. Pick a version that was in force, or approve the draft under "Drafts awaiting approval".`,
    );
  }
}
