/**
 * Errors the user caused or can act on carry a message written for them; everything else is our bug and is shown
 * only as a reference the user can quote, while the log line (keyed by the same interaction id) has the details.
 */
import { DigestStoreError } from '../digest/store';
import { QueryError } from '../search';
import { StoreUnavailableError } from '../store/guardStore';

/** A mistake or situation the user can fix: its message is shown to them as is (ephemerally). */
export class UserError extends Error {
  override name = 'UserError';
}

/** The user must wait; `until` is when they may try again. */
export class CooldownError extends UserError {
  override name = 'CooldownError';
  constructor(
    readonly command: string,
    readonly until: Date,
  ) {
    // <t:…:R> renders as "in 4 seconds" in the reader's own client, counting down.
    super(`You're going a bit fast: you can use /${command} again <t:${Math.ceil(until.getTime() / 1000)}:R>.`);
  }
}

/** The one message for anything that needs the bot's storage while it is failing. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  "That needs the bot's storage, which isn't working right now. It has been logged for the bot's operator; please try again later.";

/** The store failed: not the user's doing and not a bug in the command, but the operator's to fix. */
export function isStorageFailure(err: unknown): boolean {
  return err instanceof StoreUnavailableError || err instanceof DigestStoreError;
}

/** The message to show the user for a known, user-facing error; null for an unexpected one. */
export function userMessageOf(err: unknown): string | null {
  if (err instanceof UserError) return err.message;
  if (isStorageFailure(err)) return STORAGE_UNAVAILABLE_MESSAGE;
  // The query language's mistakes are written for the person who typed them.
  if (err instanceof QueryError) return err.message;
  return null;
}

export function unexpectedErrorMessage(interactionId: string): string {
  return `Something went wrong (ref: ${interactionId}). It has been logged; quote the ref if you report it.`;
}

/** The one message for a bad `after`/`before` date. */
export const BAD_DATE_MESSAGE = "That date isn't valid: use YYYY-MM-DD (for example 2021-06-30).";
