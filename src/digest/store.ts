/**
 * The digest's state in Keyv: per-server settings, the posted history, the retry state of a failing send, and the
 * per-day claims (see claims.ts). Every value read is checked, so a damaged store gives one clear DigestStoreError
 * instead of a crash deep inside the scheduler.
 *
 * Keys (under the Keyv namespace the bot gives): `digest:servers` (ids with settings; Keyv cannot list keys on every
 * adapter), `digest:settings:<id>`, `digest:history:<id>`, `digest:status:<id>`.
 */
import type Keyv from 'keyv';
import type { Logger } from '../log';
import type { ClaimStore } from './claims';
import { claimStoreFor } from './claims';
import type { DigestHistory, DigestHistoryEntry, DigestSettings } from './types';

/** The store cannot be used or holds something unreadable; the message says which and what to do. */
export class DigestStoreError extends Error {
  override name = 'DigestStoreError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A send that failed and will be retried: kept in the store so a restart or another process honours the backoff. */
export interface DigestRetryState {
  /** The server-local day the failures were for; a new day starts afresh. */
  date: string;
  failures: number;
  retryAt: string;
  lastError: string;
}

const SERVERS_KEY = 'digest:servers';
const settingsKey = (id: string) => `digest:settings:${id}`;
const historyKey = (id: string) => `digest:history:${id}`;
const retryKey = (id: string) => `digest:status:${id}`;

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

function validSettings(value: unknown): value is DigestSettings {
  const s = value as DigestSettings;
  return (
    typeof s === 'object' &&
    s !== null &&
    isString(s.channelId) &&
    isString(s.time) &&
    isString(s.timezone) &&
    typeof s.enabled === 'boolean' &&
    isNullableString(s.disabledReason) &&
    isNullableString(s.disabledAt) &&
    isString(s.activeSince)
  );
}

function validEntry(value: unknown): value is DigestHistoryEntry {
  const e = value as DigestHistoryEntry;
  return (
    typeof e === 'object' &&
    e !== null &&
    isString(e.date) &&
    isString(e.key) &&
    Array.isArray(e.consumes) &&
    e.consumes.every(isString) &&
    isString(e.postId) &&
    typeof e.cycle === 'number' &&
    isNullableString(e.commentId)
  );
}

function validRetry(value: unknown): value is DigestRetryState {
  const r = value as DigestRetryState;
  return (
    typeof r === 'object' &&
    r !== null &&
    isString(r.date) &&
    typeof r.failures === 'number' &&
    isString(r.retryAt) &&
    isString(r.lastError)
  );
}

export interface DigestStoreOptions {
  /** Defaults to the strongest the Keyv adapter allows (claimStoreFor). */
  claims?: ClaimStore;
  logger?: Logger;
}

/** Claims whose failures are DigestStoreError like every other digest store failure (the SQL ones bypass Keyv). */
function guardClaims(claims: ClaimStore): ClaimStore {
  const guard =
    <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (err) {
        if (err instanceof DigestStoreError) throw err;
        throw new DigestStoreError(`The digest claims cannot be ${what} (${(err as Error)?.message ?? String(err)}).`, err);
      }
    };
  // Built on the claim store itself, so it still is what it wraps (a SqliteClaimStore stays one for instanceof).
  return Object.assign(Object.create(claims) as ClaimStore, {
    tryClaim: guard('written', (serverId: string, date: string, owner: string) => claims.tryClaim(serverId, date, owner)),
    release: guard('written', (serverId: string, date: string, owner: string) => claims.release(serverId, date, owner)),
    isClaimed: guard('read', (serverId: string, date: string) => claims.isClaimed(serverId, date)),
  });
}

export class DigestStore {
  readonly claims: ClaimStore;

  constructor(
    private readonly keyv: Keyv,
    options: DigestStoreOptions = {},
  ) {
    this.claims = guardClaims(options.claims ?? claimStoreFor(keyv, options.logger));
  }

  private async read(key: string): Promise<unknown> {
    try {
      return await this.keyv.get(key);
    } catch (err) {
      throw new DigestStoreError(`The digest store cannot be read (${(err as Error).message ?? String(err)}).`, err);
    }
  }

  private async write(key: string, value: unknown): Promise<void> {
    try {
      await this.keyv.set(key, value);
    } catch (err) {
      throw new DigestStoreError(`The digest store cannot be written (${(err as Error).message ?? String(err)}).`, err);
    }
  }

  /** Servers that have (or had) a digest configured. */
  async servers(): Promise<string[]> {
    const value = await this.read(SERVERS_KEY);
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isString))
      throw new DigestStoreError('The digest store is damaged: the list of configured servers is unreadable.');
    return value;
  }

  async getSettings(serverId: string): Promise<DigestSettings | null> {
    const value = await this.read(settingsKey(serverId));
    if (value === undefined) return null;
    if (!validSettings(value))
      throw new DigestStoreError(
        `The digest store is damaged: the settings of server ${serverId} are unreadable. Run /digest set again there.`,
      );
    return value;
  }

  async saveSettings(serverId: string, settings: DigestSettings): Promise<void> {
    await this.write(settingsKey(serverId), settings);
    // Keyv has no atomic list append; re-reading after the write catches the rare lost update from a concurrent save.
    for (let attempt = 0; attempt < 3; attempt++) {
      const servers = await this.servers();
      if (servers.includes(serverId)) return;
      await this.write(SERVERS_KEY, [...servers, serverId]);
    }
  }

  /** Stops posting in a server on the bot's own initiative, keeping the settings and saying why (shown by `/digest show`). */
  async disable(serverId: string, reason: string, at: Date): Promise<DigestSettings | null> {
    const settings = await this.getSettings(serverId);
    if (!settings) return null;
    const disabled: DigestSettings = { ...settings, enabled: false, disabledReason: reason, disabledAt: at.toISOString() };
    await this.write(settingsKey(serverId), disabled);
    return disabled;
  }

  async getHistory(serverId: string): Promise<DigestHistory> {
    const value = (await this.read(historyKey(serverId))) as DigestHistory | undefined;
    if (value === undefined) return { entries: [] };
    if (typeof value !== 'object' || value === null || !Array.isArray(value.entries) || !value.entries.every(validEntry)) {
      throw new DigestStoreError(`The digest store is damaged: the posting history of server ${serverId} is unreadable.`);
    }
    return value;
  }

  /**
   * Appends a post to the history. Entries of finished cycles are dropped (only the current cycle decides what may
   * still be posted), except the newest, which says which thread was posted last.
   */
  async recordPost(serverId: string, entry: DigestHistoryEntry): Promise<void> {
    const history = await this.getHistory(serverId);
    const entries = [...history.entries.filter((e) => e.cycle === entry.cycle), entry];
    await this.write(historyKey(serverId), { entries });
  }

  async lastPost(serverId: string): Promise<DigestHistoryEntry | null> {
    const { entries } = await this.getHistory(serverId);
    return entries.length > 0 ? entries[entries.length - 1] : null;
  }

  async getRetry(serverId: string): Promise<DigestRetryState | null> {
    const value = await this.read(retryKey(serverId));
    if (value === undefined || value === null) return null;
    // A damaged retry record only delays a retry: forget it rather than stop posting.
    return validRetry(value) ? value : null;
  }

  async setRetry(serverId: string, state: DigestRetryState | null): Promise<void> {
    if (state === null) {
      try {
        await this.keyv.delete(retryKey(serverId));
      } catch (err) {
        throw new DigestStoreError(`The digest store cannot be written (${(err as Error).message ?? String(err)}).`, err);
      }
      return;
    }
    await this.write(retryKey(serverId), state);
  }

  /** Reads every server's settings and history once: at start-up, so a damaged store is reported before any posting. */
  async check(): Promise<{ servers: number; enabled: number }> {
    const servers = await this.servers();
    let enabled = 0;
    for (const id of servers) {
      const settings = await this.getSettings(id);
      await this.getHistory(id);
      if (settings?.enabled) enabled++;
    }
    return { servers: servers.length, enabled };
  }
}
