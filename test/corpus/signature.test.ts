/** Authors from signatures: recognised only when the shape cannot plausibly be prose. A false author is worse than none. */
import { splitSignature } from '../../src/corpus/signature';
import { toParagraphs } from '../../src/corpus/threadText';

function sign(text: string) {
  const { author, paragraphs } = splitSignature(toParagraphs(text.split('\n')));
  return { author, text: paragraphs.map((p) => p.join('\n')).join('\n\n') };
}

describe('signatures that name the author (and leave the text)', () => {
  test.each([
    ["Agreed with all of that.\n\n'Getafix", "'Getafix", 'Agreed with all of that.'],
    ["Agreed with all of that.\n'Getafix", "'Getafix", 'Agreed with all of that.'],
    ['Good point well made.\n\nCheers, Jim', 'Jim', 'Good point well made.'],
    ['Good point well made.\nCheers, Jim', 'Jim', 'Good point well made.'],
    ['Good point well made.\n\nBest,\nJim', 'Jim', 'Good point well made.'],
    ['See you at conference.\n\nRegards\nMary Smith', 'Mary Smith', 'See you at conference.'],
    ['Best wishes to all.\n\n- Old Lag', 'Old Lag', 'Best wishes to all.'],
    [
      'Probation is the worst it has ever been.\n\nProbation Officer\nLondon',
      'Probation Officer, London',
      'Probation is the worst it has ever been.',
    ],
    [
      'Probation is the worst it has ever been.\n\nProbation Officer, London',
      'Probation Officer, London',
      'Probation is the worst it has ever been.',
    ],
    ['It was better in the nineties.\n\nRetired SPO', 'Retired SPO', 'It was better in the nineties.'],
    // The blog owner's sign-off ending his last sentence (seed 004 #13.1).
    ['Many thanks. I published it as a Guest Blog. Cheers, Jim', 'Jim', 'Many thanks. I published it as a Guest Blog.'],
    ['First point.\n\nSecond point, made at length. Regards, Mary Smith', 'Mary Smith', 'First point.\n\nSecond point, made at length.'],
  ])('%j → %j', (input, author, text) => {
    expect(sign(input)).toEqual({ author, text });
  });
});

describe('endings that are not signatures (no author, text unchanged)', () => {
  test.each([
    ['one word on its own could be anything', 'Pay is a disgrace.\n\nDisgraceful'],
    ['a sentence', 'First thought.\n\nThe rest is silence.'],
    ['an exclamation', 'Horseshit and platitudes.\nShove it Sonia!'],
    ['lower-case words', 'Agreed.\n\nShove it Sonia'],
    ['a URL', 'Read this.\n\nhttps://www.theguardian.com/politics'],
    ['a bare domain', 'Read this.\n\nwww.gov.uk'],
    ['a quote', 'He said:\n\n"Keep Calm"'],
    ['a date and number', 'Interviews soon.\n\nInterviews Week Commencing 9 May'],
    ['too many words', 'Long story.\n\nSenior Probation Officer North West Region Team'],
    ['thanks to someone is not a sign-off', 'Great post.\n\nThanks Jim'],
    ['cheers without a comma may be thanks', 'Great post.\n\nCheers Jim'],
    ['a valediction word starting a phrase', 'We need standards.\n\nBest Practice'],
    ['a quoted phrase', "Their slogan:\n\n'Justice Matters'"],
    ['a greeting', 'Great post.\n\nWell Said'],
    ['shouting', 'Enough.\n\nSTRIKE ACTION NOW'],
    ['an address at the start', 'Jim, I will let you decide if this is a rant.'],
    ['a name in the middle of the text', 'Amy Rees\nProgramme Sponsor\n\nThen more text follows here.'],
    ['the last item of a list', 'Options:\n- Leave\n- Old Lag'],
    ['only a signature: nothing would be left', "'Getafix"],
    ['anonymous is not a name', 'I agree.\n\nAnon'],
    ['a bracketed aside', 'Fact.\n\n[Justice Secy]'],
    ['thanks ending a sentence', 'Great post. Cheers Jim!'],
    ['an exclamation after the name thanks him', 'Great post. Cheers, Jim!'],
    ['a valediction inside a sentence', 'All I said was cheers, Jim'],
    ['thanks with a comma is still thanks', 'Great post. Thanks, Jim'],
    ['a quoted sign-off', 'She ended: "Regards, Sonia"'],
  ])('%s', (_, input) => {
    const expected = toParagraphs(input.split('\n'))
      .map((p) => p.join('\n'))
      .join('\n\n');
    expect(sign(input)).toEqual({ author: null, text: expected });
  });
});
