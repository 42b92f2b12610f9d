/**
 * Per-user cooldowns for the expensive commands. Always in memory, checked first: a refusal costs microseconds, before
 * anything else happens to the interaction. With a store on PostgreSQL or Redis, a use this process would allow is
 * also taken in the shared ledger (src/store/cooldownLedger.ts), so every bot process sees the same cooldown.
 *
 * If the shared ledger cannot be reached, the use is allowed and the problem logged: a cooldown protects the bot from
 * being hammered, it is not worth refusing a person their answer over.
 */
import type { Logger } from '../log';
import type { CooldownLedger } from '../store/cooldownLedger';
import { CooldownError } from './errors';

export interface CooldownOptions {
  /** Shared across processes; null keeps cooldowns in this process only. */
  ledger?: CooldownLedger | null;
  logger?: Logger;
}

export class Cooldowns {
  /** command → user id → when they may use it again (ms since epoch). */
  private readonly until = new Map<string, Map<string, number>>();
  private lastLedgerError = 0;

  /** `enabled: false` for the console mode: one local person, nothing to protect. */
  constructor(
    private readonly now: () => Date,
    private readonly enabled = true,
    private readonly options: CooldownOptions = {},
  ) {}

  /** Whether cooldowns are shared with other processes through the store. */
  get shared(): boolean {
    return Boolean(this.options.ledger);
  }

  /** Records a use, or throws CooldownError (saying when to retry) if the previous one was under `seconds` ago. */
  async take(command: string, userId: string, seconds: number): Promise<void> {
    if (!this.enabled || seconds <= 0) return;
    const now = this.now().getTime();
    let users = this.until.get(command);
    if (!users) this.until.set(command, (users = new Map<string, number>()));
    const readyAt = users.get(userId);
    if (readyAt !== undefined && readyAt > now) throw new CooldownError(command, new Date(readyAt));
    const next = now + seconds * 1000;
    const ledger = this.options.ledger;
    if (ledger) {
      let heldUntil: number | null = null;
      try {
        heldUntil = await ledger.take(`${command}:${userId}`, now, next);
      } catch (err) {
        this.ledgerProblem(err);
      }
      if (heldUntil !== null) {
        users.set(userId, heldUntil);
        throw new CooldownError(command, new Date(heldUntil));
      }
    }
    users.set(userId, next);
    // Forget expired entries now and then, so a busy server doesn't grow the map forever.
    if (users.size > 1000) for (const [id, at] of users) if (at <= now) users.delete(id);
  }

  private ledgerProblem(err: unknown): void {
    const at = Date.now();
    if (at - this.lastLedgerError < 60_000) return;
    this.lastLedgerError = at;
    this.options.logger?.warn('shared cooldowns unavailable; allowing the use', { err });
  }
}
