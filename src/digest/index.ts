export * from './types';
export { selectDigestItem, selectDigest } from './select';
export type { SelectDigestInput, DigestSelection } from './select';
export { candidatesOf, isEligibleComment } from './candidates';
export { parseLocalDate, localDateOf, DigestDateError } from './dates';
export {
  nextRunAt,
  runAtOnLocalDate,
  dueRun,
  upcomingRun,
  parseDigestTime,
  parseDigestTimezone,
  suggestTimezones,
  knownTimezones,
  DigestSettingsError,
  DEFAULT_DIGEST_TIME,
  DEFAULT_DIGEST_TIMEZONE,
} from './schedule';
export { DigestStore, DigestStoreError } from './store';
export { MemoryClaimStore, SqliteClaimStore, KeyvClaimStore, claimStoreFor } from './claims';
export type { ClaimStore } from './claims';
export { runDueDigests, postDigestForDay, DigestDisableError, retryDelayMs, claimOwner } from './run';
export type { DigestSend, DigestSendRequest, DigestOutcome } from './run';
export { createDigestScheduler, DEFAULT_POLL_MS } from './scheduler';
export type { DigestScheduler, Timers } from './scheduler';
