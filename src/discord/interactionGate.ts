/**
 * Interactions in flight, and what happens to them when the bot stops: a restart must not leave anyone on
 * "thinking…" or "This interaction failed".
 *
 * While open, the gate runs every interaction and remembers it until its handler settles. `drain` closes it: any
 * interaction arriving afterwards is answered at once with a short "restarting" message (the gateway stays up until
 * the drain is over, so nothing that Discord already sent goes unanswered), the ones in flight get until the
 * deadline to finish, and whatever is still running then is answered with the same message before the bot goes.
 */
import { MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from '../log';
import { NO_MENTIONS } from './respond';

export const RESTARTING_MESSAGE = 'The bot is restarting right now, so this was not done. Please try again in a minute.';

export interface DrainResult {
  /** In flight when the drain began and finished by themselves before the deadline. */
  finished: number;
  /** Still running at the deadline: answered with the restarting message instead. */
  cutShort: number;
  /** Arrived during the drain: answered with the restarting message. */
  turnedAway: number;
}

/** Answers with the restarting message whatever state the interaction is in; never throws. */
async function answerRestarting(interaction: Interaction, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable() || interaction.replied) return;
    const message = { content: RESTARTING_MESSAGE, allowedMentions: NO_MENTIONS };
    if (!interaction.deferred) await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
    // A deferred button keeps its message (the search results): the notice goes below it, privately.
    else if (interaction.isMessageComponent()) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    // A deferred command's "thinking…" becomes the notice.
    else await interaction.editReply(message);
  } catch (err) {
    // Its handler may have answered meanwhile (40060), or its token expired: nothing more can be sent.
    logger.debug('could not send the restarting notice', { interactionId: interaction.id, err });
  }
}

export class InteractionGate {
  private open = true;
  private turnedAway = 0;
  private readonly inFlight = new Map<Interaction, Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Interactions being handled right now. */
  get size(): number {
    return this.inFlight.size;
  }

  /** Runs `handle` for the interaction while open; once draining, answers it with the restarting message instead. */
  admit(interaction: Interaction, handle: () => Promise<void>): void {
    if (!this.open) {
      this.turnedAway += 1;
      void answerRestarting(interaction, this.logger);
      return;
    }
    const running = handle()
      .catch((err: unknown) => this.logger.error('interaction handler failed', { interactionId: interaction.id, err }))
      .finally(() => this.inFlight.delete(interaction));
    this.inFlight.set(interaction, running);
  }

  /** Closes the gate and waits up to `timeoutMs` for the interactions in flight; see the module comment. */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.open = false;
    const pending = [...this.inFlight.entries()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled(pending.map(([, running]) => running)), deadline]);
    clearTimeout(timer);
    const left = pending.filter(([interaction]) => this.inFlight.has(interaction)).map(([interaction]) => interaction);
    if (left.length > 0) {
      this.logger.warn('interactions still running at the shutdown deadline; answering them with the restarting notice', {
        count: left.length,
        timeoutMs,
      });
      await Promise.all(left.map((interaction) => answerRestarting(interaction, this.logger)));
    }
    return { finished: pending.length - left.length, cutShort: left.length, turnedAway: this.turnedAway };
  }
}
