import { DigestDateError, parseLocalDate } from '../../src/digest/dates';
import { parseDatePeriod, QueryError } from '../../src/search';
import { DateParseError, daysOutside, describeDate, parseDate, parseDateIfDate, readDate } from '../../src/text';

describe('parseDate: the forms people write', () => {
  test.each([
    // [typed, precision, iso]
    ['2022-10-25', 'day', '2022-10-25'],
    ['2022-1-5', 'day', '2022-01-05'],
    ['2022/10/25', 'day', '2022-10-25'],
    ['2022-10', 'month', '2022-10'],
    ['2022', 'year', '2022'],
    ['25/10/2022', 'day', '2022-10-25'],
    ['25-10-2022', 'day', '2022-10-25'],
    ['25.10.2022', 'day', '2022-10-25'],
    ['5/3/2022', 'day', '2022-03-05'],
    ['25/10/22', 'day', '2022-10-25'],
    ['01/02/99', 'day', '1999-02-01'],
    ['10/2022', 'month', '2022-10'],
    ['25 October 2022', 'day', '2022-10-25'],
    ['25 october 2022', 'day', '2022-10-25'],
    ['  25   OCTOBER  2022 ', 'day', '2022-10-25'],
    ['25th Oct 2022', 'day', '2022-10-25'],
    ['1st Sept 2022', 'day', '2022-09-01'],
    ['2nd Sep 2022', 'day', '2022-09-02'],
    ['23rd Nov. 2023', 'day', '2023-11-23'],
    ['25th of October, 2022', 'day', '2022-10-25'],
    ['Tuesday 25 October 2022', 'day', '2022-10-25'],
    ['Tue, 25 Oct 2022', 'day', '2022-10-25'],
    ['October 25, 2022', 'day', '2022-10-25'],
    ['Oct 25th 2022', 'day', '2022-10-25'],
    ['25 Oct 22', 'day', '2022-10-25'],
    ['October 2022', 'month', '2022-10'],
    ['Oct 2022', 'month', '2022-10'],
    ['oct. 2022', 'month', '2022-10'],
    ['Sept 2022', 'month', '2022-09'],
    ['29 February 2024', 'day', '2024-02-29'],
    ['29/02/2024', 'day', '2024-02-29'],
  ])('%s → %s %s', (typed, precision, iso) => {
    const date = parseDate(typed);
    expect(date.precision).toBe(precision);
    expect(date.iso).toBe(iso);
  });

  test('each date covers a half-open range of days, across month and year ends', () => {
    expect(parseDate('31 December 2022')).toMatchObject({ start: '2022-12-31', end: '2023-01-01' });
    expect(parseDate('Dec 2022')).toMatchObject({ start: '2022-12-01', end: '2023-01-01' });
    expect(parseDate('Feb 2024')).toMatchObject({ start: '2024-02-01', end: '2024-03-01' });
    expect(parseDate('2022')).toMatchObject({ start: '2022-01-01', end: '2023-01-01' });
  });

  test('names a date back the way people say it', () => {
    expect(describeDate(parseDate('25/10/2022'))).toBe('25 October 2022');
    expect(describeDate(parseDate('2022-10'))).toBe('October 2022');
    expect(describeDate(parseDate('2022'))).toBe('2022');
  });
});

describe('parseDate: mistakes get a reason and a message that says what is wrong', () => {
  const failure = (typed: string): DateParseError => {
    try {
      parseDate(typed);
    } catch (err) {
      if (err instanceof DateParseError) return err;
      throw err;
    }
    throw new Error(`"${typed}" parsed`);
  };

  test.each([
    // [typed, reason, message pattern]
    ['31/02/2022', 'invalid', /^There is no 31 February 2022: February 2022 has 28 days\.$/],
    ['29 February 2023', 'invalid', /February 2023 has 28 days/],
    ['2022-02-30', 'invalid', /There is no 30 February 2022/],
    ['31 April 2022', 'invalid', /April 2022 has 30 days/],
    ['32 October 2022', 'invalid', /There is no 32 October 2022/],
    ['0/10/2022', 'invalid', /no day 0/],
    ['13/13/2022', 'invalid', /13 is not a month/],
    ['2022-13', 'invalid', /13 is not a month/],
    ['2022-00-10', 'invalid', /0 is not a month/],
    ['10/25/2022', 'invalid', /day first \(UK order\): did you mean 25 October 2022, written 25\/10\/2022\?/],
    ['0999-01-01', 'invalid', /999 is not a year/],
    ['25 October', 'no-year', /needs a year, e\.g\. 25 October 2022/],
    ['October', 'no-year', /needs a year/],
    ['31 June', 'invalid', /There is no 31 June/],
    ['mustard', 'not-a-date', /is not a date\. Write it like 25 October 2022/],
    ['changes at the top', 'not-a-date', /is not a date/],
    ['may the force', 'not-a-date', /is not a date/],
    ['25', 'not-a-date', /is not a date/],
    ['10/22', 'not-a-date', /is not a date/],
    ['2022 October', 'not-a-date', /is not a date/],
    ['', 'not-a-date', /is not a date/],
  ])('%s → %s', (typed, reason, message) => {
    const err = failure(typed);
    expect(err.reason).toBe(reason);
    expect(err.message).toMatch(message);
  });

  test('an incomplete date says what it did get, so autocomplete can still use it', () => {
    expect(failure('25th Oct').partial).toEqual({ month: 10, day: 25 });
    expect(failure('Oct').partial).toEqual({ month: 10, day: null });
  });

  test('parseDateIfDate: null for words, the date for a date, and still an error for an impossible one', () => {
    expect(parseDateIfDate('pay offer')).toBeNull();
    expect(parseDateIfDate('Oct 2022')?.iso).toBe('2022-10');
    expect(() => parseDateIfDate('31/02/2022')).toThrow(DateParseError);
  });
});

test('daysOutside: 0 inside the range, else the distance to its nearest day', () => {
  const october = parseDate('October 2022');
  expect(daysOutside('2022-10-15', october)).toBe(0);
  expect(daysOutside('2022-09-30', october)).toBe(1);
  expect(daysOutside('2022-11-01', october)).toBe(1);
  expect(daysOutside('2022-11-03', october)).toBe(3);
});

test('readDate: the parser\u2019s refusals in the caller\u2019s words; anything else thrown stays itself', () => {
  const refuse = (err: DateParseError) => new RangeError(`refused: ${err.reason}`);
  expect(readDate('25/10/2022', refuse).iso).toBe('2022-10-25');
  expect(() => readDate('31/02/2022', refuse)).toThrow(new RangeError('refused: invalid'));
  expect(() => readDate('yesterday', refuse)).toThrow(new RangeError('refused: not-a-date'));
  // Not a refusal but a bug (no text at all): it is not disguised as "not a date".
  expect(() => readDate(undefined as unknown as string, refuse)).toThrow(TypeError);
});

describe('the validators that moved onto the one parser keep their messages', () => {
  test('the query language: after:/before: take any written form, impossible days keep the old message', () => {
    expect(parseDatePeriod('25/10/2022')).toEqual({ start: '2022-10-25', end: '2022-10-26' });
    expect(parseDatePeriod('Oct 2022')).toEqual({ start: '2022-10-01', end: '2022-11-01' });
    expect(() => parseDatePeriod('31/02/2022')).toThrow(QueryError);
    expect(() => parseDatePeriod('31/02/2022')).toThrow(`"31/02/2022" isn't a valid date: use YYYY-MM-DD, YYYY-MM or YYYY`);
  });

  test('the digest: only YYYY-MM-DD (its dates are keys), checked against the calendar by the parser', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseLocalDate('2023-02-29')).toThrow(new DigestDateError('"2023-02-29" is not a day of the calendar.'));
    expect(() => parseLocalDate('25/10/2024')).toThrow(/write it as YYYY-MM-DD/);
  });
});
