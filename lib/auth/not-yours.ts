import { AppError } from "@/lib/errors";

/**
 * The refusal for someone else's record (a conversation, an exchange): 403,
 * saying only that it is not theirs. Record ids are random, so admitting that
 * one exists reveals nothing; nothing of its content is included.
 */
export function notYours(what: string): AppError {
  return new AppError("forbidden", `That ${what} belongs to someone else; you can only open your own.`);
}
