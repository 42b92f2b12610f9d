import {
  DigestSettingsError,
  dueRun,
  nextRunAt,
  parseDigestTime,
  parseDigestTimezone,
  runAtOnLocalDate,
  suggestTimezones,
  upcomingRun,
} from '../../src/digest/schedule';

const london = { time: '09:00', timezone: 'Europe/London', activeSince: '2020-01-01T00:00:00.000Z' };

describe('digest schedule', () => {
  test('09:00 in London is 09:00 UTC in winter and 08:00 UTC in summer', () => {
    expect(nextRunAt(london, new Date('2025-01-15T10:00:00Z')).toISOString()).toBe('2025-01-16T09:00:00.000Z');
    expect(nextRunAt(london, new Date('2025-07-15T07:00:00Z')).toISOString()).toBe('2025-07-15T08:00:00.000Z');
  });

  test('across the spring change the local time stays 09:00', () => {
    expect(runAtOnLocalDate(london, '2025-03-29')!.toISOString()).toBe('2025-03-29T09:00:00.000Z');
    expect(runAtOnLocalDate(london, '2025-03-30')!.toISOString()).toBe('2025-03-30T08:00:00.000Z');
  });

  test('a time inside the spring-forward gap runs once that day, an hour later on the wall clock', () => {
    const gap = { ...london, time: '01:30' };
    // 01:30 does not exist in London on 30 March 2025 (01:00 GMT jumps to 02:00 BST): posted at 02:30 BST.
    expect(runAtOnLocalDate(gap, '2025-03-30')!.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    const runs = [nextRunAt(gap, new Date('2025-03-29T12:00:00Z'))];
    runs.push(nextRunAt(gap, runs[0]));
    expect(runs.map((r) => r.toISOString())).toEqual(['2025-03-30T01:30:00.000Z', '2025-03-31T00:30:00.000Z']);
  });

  test('a time inside the repeated autumn hour runs once, not twice', () => {
    const repeated = { ...london, time: '01:30' };
    // 01:30 happens twice in London on 26 October 2025 (00:30 and 01:30 UTC).
    const first = nextRunAt(repeated, new Date('2025-10-25T12:00:00Z'));
    const second = nextRunAt(repeated, first);
    expect(first.toISOString().slice(0, 10)).toBe('2025-10-26');
    expect(second.toISOString()).toBe('2025-10-27T01:30:00.000Z');
    // Due once that day: after the first run, the same day's run is the same instant.
    expect(dueRun(repeated, new Date('2025-10-26T02:00:00Z'))).toEqual({ date: '2025-10-26', at: first });
  });

  test('only today can be due: after days of downtime, one run', () => {
    expect(dueRun(london, new Date('2025-01-20T14:00:00Z'))).toEqual({ date: '2025-01-20', at: new Date('2025-01-20T09:00:00Z') });
    expect(dueRun(london, new Date('2025-01-20T08:59:00Z'))).toBeNull();
  });

  test("saving settings after today's time does not make today due", () => {
    const saved = { ...london, activeSince: '2025-01-20T15:00:00.000Z' };
    expect(dueRun(saved, new Date('2025-01-20T15:00:30Z'))).toBeNull();
    expect(upcomingRun(saved, new Date('2025-01-20T15:00:30Z'), false)).toEqual({
      date: '2025-01-21',
      at: new Date('2025-01-21T09:00:00Z'),
      dueNow: false,
    });
  });

  test("the upcoming run is today's until posted, then tomorrow's", () => {
    const morning = new Date('2025-01-20T07:00:00Z');
    expect(upcomingRun(london, morning, false)).toMatchObject({ date: '2025-01-20', dueNow: false });
    expect(upcomingRun(london, morning, true)).toMatchObject({ date: '2025-01-21', at: new Date('2025-01-21T09:00:00Z') });
    expect(upcomingRun(london, new Date('2025-01-20T10:00:00Z'), false)).toMatchObject({ date: '2025-01-20', dueNow: true });
  });

  test('times are read as 24-hour HH:MM, with clear refusals', () => {
    expect(parseDigestTime('9:05')).toBe('09:05');
    expect(parseDigestTime('21:30')).toBe('21:30');
    expect(() => parseDigestTime('24:00')).toThrow(DigestSettingsError);
    expect(() => parseDigestTime('9am')).toThrow(/HH:MM/);
  });

  test('time zones must be IANA names; abbreviations and unknown names are refused', () => {
    expect(parseDigestTimezone('europe/london')).toBe('Europe/London');
    expect(parseDigestTimezone('UTC')).toBe('UTC');
    expect(() => parseDigestTimezone('BST')).toThrow(/IANA/);
    expect(() => parseDigestTimezone('Mars/Olympus_Mons')).toThrow(DigestSettingsError);
  });

  test('time zone suggestions match what was typed, at most 25', () => {
    expect(suggestTimezones('london')).toContain('Europe/London');
    expect(suggestTimezones('new york')).toContain('America/New_York');
    expect(suggestTimezones('')).toContain('Europe/London');
    expect(suggestTimezones('a').length).toBeLessThanOrEqual(25);
  });
});
