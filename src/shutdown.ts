/**
 * The one place the process reacts to SIGTERM and SIGINT (what systemd, Docker, pm2 and Ctrl-C send).
 *
 * Installed before anything slow starts, so a signal is honoured at any moment:
 *   - while starting (loading the archive, connecting to Discord): nothing is in flight yet, so it logs and exits 0
 *     at once;
 *   - while running: `stop` (the bot's drain, see interactionGate.ts) runs; on success it logs "shut down" and exits
 *     0. Should stopping fail, or outlast `deadlineMs`, it logs why and exits 1, so a supervisor never has to kill it.
 * Further signals while stopping are logged and ignored: `npm start` forwards the signal it gets, so a signal sent
 * to the whole process group arrives twice, and that must not cut the drain short.
 */
import type { Logger } from './log';

/** Under Docker's default 10 s grace period before SIGKILL; systemd allows 90 s (TimeoutStopSec). */
export const SHUTDOWN_DEADLINE_MS = 9_000;
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

export interface ShutdownOptions {
  logger: Logger;
  deadlineMs?: number;
  /** For tests: instead of process.exit. */
  exit?: (code: number) => void;
  /** For tests: where signals are listened for (default the process). */
  signals?: Pick<NodeJS.Process, 'on'>;
}

export interface ShutdownHandle {
  /** From now on a signal stops the bot with `stop` instead of ending start-up. */
  running(stop: () => Promise<void>): void;
}

export function handleShutdownSignals(options: ShutdownOptions): ShutdownHandle {
  const { logger } = options;
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stop: (() => Promise<void>) | null = null;
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.info('already shutting down', { signal });
      return;
    }
    shuttingDown = true;
    const started = Date.now();
    if (!stop) {
      logger.info('shut down before start-up finished', { signal });
      exit(0);
      return;
    }
    logger.info('shutting down', { signal, deadlineMs });
    const deadline = setTimeout(() => {
      logger.error('shutdown deadline passed; exiting without waiting further', { signal, deadlineMs });
      exit(1);
    }, deadlineMs);
    stop().then(
      () => {
        clearTimeout(deadline);
        logger.info('shut down', { signal, ms: Date.now() - started });
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error('shutdown failed', { signal, err });
        exit(1);
      },
    );
  };
  const signals = options.signals ?? process;
  for (const signal of SHUTDOWN_SIGNALS) signals.on(signal, () => onSignal(signal));
  return {
    running(stopBot) {
      stop = stopBot;
    },
  };
}
