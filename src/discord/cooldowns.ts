/**
 * Per-user cooldowns for the expensive commands, in memory: a restart forgetting them costs nothing, and a cooldown
 * must be checked in microseconds, before anything else happens to the interaction.
 */
import { CooldownError } from './errors';

export class Cooldowns {
  /** command → user id → when they may use it again (ms since epoch). */
  private readonly until = new Map<string, Map<string, number>>();

  /** `enabled: false` for the console mode: one local person, nothing to protect. */
  constructor(
    private readonly now: () => Date,
    private readonly enabled = true,
  ) {}

  /** Records a use, or throws CooldownError (saying when to retry) if the previous one was under `seconds` ago. */
  take(command: string, userId: string, seconds: number): void {
    if (!this.enabled || seconds <= 0) return;
    const now = this.now().getTime();
    let users = this.until.get(command);
    if (!users) this.until.set(command, (users = new Map()));
    const readyAt = users.get(userId);
    if (readyAt !== undefined && readyAt > now) throw new CooldownError(command, new Date(readyAt));
    users.set(userId, now + seconds * 1000);
    // Forget expired entries now and then, so a busy server doesn't grow the map forever.
    if (users.size > 1000) for (const [id, at] of users) if (at <= now) users.delete(id);
  }
}
