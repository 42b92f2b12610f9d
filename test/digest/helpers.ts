/** A moved clock and a recording `send` for the digest's scheduling tests. */
import type { DigestSend, DigestSendRequest } from '../../src/digest/run';
import type { DigestSettings } from '../../src/digest/types';

export function settings(overrides: Partial<DigestSettings> = {}): DigestSettings {
  return {
    channelId: '200000000000000001',
    time: '09:00',
    timezone: 'Europe/London',
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    activeSince: '2020-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export interface RecordingSend {
  send: DigestSend;
  sent: (DigestSendRequest & { at: Date })[];
  /** Make the next sends throw these, in order. */
  failNext: unknown[];
}

export function recordingSend(clock: () => Date): RecordingSend {
  const sent: RecordingSend['sent'] = [];
  const failNext: unknown[] = [];
  let n = 0;
  const send: DigestSend = async (request) => {
    if (failNext.length > 0) throw failNext.shift();
    sent.push({ ...request, at: clock() });
    return { messageId: `m${++n}` };
  };
  return { send, sent, failNext };
}

export class MovedClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Wall-clock HH:MM of `instant` in `timezone`. */
export function localTime(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
