/**
 * Start-up says what it is doing: one line per stage, and a reminder every STILL_STARTING_EVERY_MS while a stage
 * lasts, so an operator watching a supervisor's log never faces silence (a slow first index build, a Discord that
 * does not answer) and can tell a slow start from a hung one.
 */
import type { Logger } from '../log';

export const STILL_STARTING_EVERY_MS = 15_000;

export interface StartupProgress {
  stage: (name: string, fields?: Record<string, unknown>) => void;
  done(): void;
}

export function startupProgress(logger: Logger, everyMs = STILL_STARTING_EVERY_MS): StartupProgress {
  const started = Date.now();
  let current = 'starting';
  let stageStarted = started;
  const timer = setInterval(() => {
    logger.warn('still starting', {
      stage: current,
      stageSeconds: Math.round((Date.now() - stageStarted) / 1000),
      totalSeconds: Math.round((Date.now() - started) / 1000),
    });
  }, everyMs);
  timer.unref();
  return {
    stage(name, fields = {}) {
      current = name;
      stageStarted = Date.now();
      logger.info(name, fields);
    },
    done() {
      clearInterval(timer);
    },
  };
}
