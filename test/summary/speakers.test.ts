import { headingSpeaker, introAt, isSeparator, kindNamedIn, signOffAt, speakerNamedIn } from '../../src/summary/speakers';

describe('who an introduction names', () => {
  test.each([
    ['here we see what the Chief Inspector Justin Russell thinks, published today:-', 'Justin Russell'],
    ["I notice the relationship theme was enthusiastically expanded upon by regular contributor 'Getafix yesterday:-", "'Getafix"],
    ["Finally, the following is taken from former probation officer Mike Guilfoyle's LinkedIn page I found:-", 'Mike Guilfoyle'],
    ['The following statement was circulated by Napo this morning:', 'Napo'],
    ['Dr Jane Smith said:', 'Jane Smith'],
  ])('%s → %s', (sentence, name) => {
    expect(speakerNamedIn(sentence)).toBe(name);
  });

  test.each([
    "Here's a case in point, an interview with Sonia Flynn the former probation CPO:-",
    'Also from yesterday, the following will be recognisable to officers who joined during the period Sonia Flynn referred to:-',
    'Seen on Twitter:-',
    'The following came in from a reader on Monday:',
    'The Chief Probation Officer wrote to all staff today:-',
  ])('names nobody: %s', (sentence) => {
    expect(speakerNamedIn(sentence)).toBeNull();
  });

  test('an introduction needs ":-", "the following", or a colon with a word that announces a quotation', () => {
    expect(introAt('…and here we see what he thinks, published today:-')).not.toBeNull();
    expect(introAt('The following contributions came in yesterday and add to the testimony: not fixing individuals.')).toMatchObject({
      series: true,
      kind: 'repost',
    });
    expect(introAt('He said this to the committee:')).not.toBeNull();
    expect(introAt('Two things strike me:')).toBeNull();
    expect(introAt('Two things strike me:', true)).not.toBeNull();
    expect(introAt('Nothing to see here.')).toBeNull();
  });

  test('the kind of passage follows the words of its introduction', () => {
    expect(kindNamedIn('the following statement was circulated')).toBe('statement');
    expect(kindNamedIn('A Message to Probation Staff from Sonia Flynn')).toBe('letter');
    expect(kindNamedIn('expanded upon by regular contributor')).toBe('repost');
    expect(kindNamedIn('what he thinks, published today')).toBe('quotation');
  });
});

describe('headings and sign-offs', () => {
  test('a title-like heading naming its author with "from" or "by"', () => {
    expect(headingSpeaker('A Message to Probation Staff from Sonia Flynn, Chief Probation Officer')).toEqual({
      speaker: 'Sonia Flynn',
      kind: 'letter',
    });
    expect(headingSpeaker('Statement from Napo')).toEqual({ speaker: 'Napo', kind: 'statement' });
    // A sentence is no heading, and an introduction (":-") is not either.
    expect(headingSpeaker('I notice the theme was expanded upon by regular contributor Getafix yesterday:-')).toBeNull();
    expect(headingSpeaker('The ‘voice of the Probation Service’ must continue to be heard')).toBeNull();
    expect(headingSpeaker('I was told all about it by Jim Brown at the meeting')).toBeNull();
  });

  test('a sign-off is a name line with role lines under it, or a valediction then a name', () => {
    expect(signOffAt(['Sonia Flynn CBE', 'Chief Probation Officer'])).toMatchObject({ speaker: 'Sonia Flynn', valediction: false });
    expect(signOffAt(['Justin Russell', 'HM Chief Inspector of Probation'])).toMatchObject({ speaker: 'Justin Russell' });
    expect(signOffAt(['Amy Rees', 'Programme Sponsor', 'Director General for Probation and Women,', 'HMPPS.'])).toMatchObject({
      speaker: 'Amy Rees',
    });
    expect(signOffAt(['Thank you for all you do.', 'Best wishes,', 'Jane Smith'])).toMatchObject({
      speaker: 'Jane Smith',
      valediction: true,
    });
    // A name alone could be anyone the comment mentions; a role line alone is no name.
    expect(signOffAt(['Justin Russell'])).toBeNull();
    expect(signOffAt(['Chief Probation Officer', 'HMPPS'])).toBeNull();
    expect(signOffAt(['Probation is the worst it has ever been.', 'Shove it Sonia!'])).toBeNull();
  });

  test('separators', () => {
    for (const s of ['--oo00oo--', '****', '* * *', '-----', '~~~']) expect(isSeparator(s)).toBe(true);
    for (const s of ['...', 'ooo', 'Jim', '- a list item']) expect(isSeparator(s)).toBe(false);
  });
});
