import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive } from '../../src/corpus/types';
import { voicesOf, type VoiceSegment } from '../../src/summary/voices';
import { SEEDS_DIR } from './fixtures';

let archive: Archive;
beforeAll(async () => {
  archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
});

const body = (prefix: string) => archive.posts.find((p) => p.source.startsWith(prefix))!.body;

/** Each segment as `[speaker or OWN or ?] first words`, to read the split at a glance. */
function described(text: string, segments: VoiceSegment[]): string[] {
  return segments.map(
    (s) =>
      `${s.voice ? `${s.voice.speaker ?? '?'}/${s.voice.kind}` : 'OWN'}: ${text.slice(s.start, s.end).split(/\s+/).slice(0, 6).join(' ')}`,
  );
}

/** The voice of the passage holding `words`. */
function voiceOfWords(text: string, words: string) {
  const at = text.indexOf(words);
  if (at < 0) throw new Error(`not in the text: ${words}`);
  const segment = voicesOf(text).find((s) => s.start <= at && at < s.end);
  return segment ? segment.voice : undefined;
}

describe('voices in the seed posts', () => {
  test('a letter under a heading "from X" and signed with name and role is X’s, not the blogger’s (seed 000)', () => {
    const text = body('000');
    expect(described(text, voicesOf(text))).toEqual([
      'OWN: With concerns regarding who the new',
      'Sonia Flynn/letter: A Message to Probation Staff from',
    ]);
    expect(voiceOfWords(text, 'I notice the Chief Probation Officer is jumping ship')).toBeNull();
    expect(voiceOfWords(text, 'I have decided it is the right time for me')).toEqual({ speaker: 'Sonia Flynn', kind: 'letter' });
    // The sign-off belongs to the letter, and nothing after it is left to the blogger.
    const last = voicesOf(text).at(-1)!;
    expect(text.slice(last.start, last.end).endsWith('Chief Probation Officer')).toBe(true);
  });

  test('an introduction naming the writer, and a sign-off "Justin Russell / HM Chief Inspector of Probation" (seed 001)', () => {
    const text = body('001');
    expect(voiceOfWords(text, 'here we see what the Chief Inspector Justin Russell thinks')).toBeNull();
    expect(voiceOfWords(text, 'our latest round of local probation service inspection reports')).toEqual({
      speaker: 'Justin Russell',
      kind: 'quotation',
    });
    expect(voiceOfWords(text, 'HM Chief Inspector of Probation')).toEqual({ speaker: 'Justin Russell', kind: 'quotation' });
  });

  test('a repost "expanded upon by regular contributor \'Getafix yesterday:-" and unnamed quotations between separators (seed 003)', () => {
    const text = body('003');
    expect(voiceOfWords(text, 'Usually on The Sit Down')).toEqual({ speaker: null, kind: 'quotation' });
    // An interview "with Sonia Flynn" does not make her the writer of the video's blurb.
    expect(voiceOfWords(text, 'Here she reflects on her time')?.speaker).toBeNull();
    expect(voiceOfWords(text, 'I notice the relationship theme was enthusiastically expanded')).toBeNull();
    expect(voiceOfWords(text, 'Everything, and I do mean everything in society')).toEqual({ speaker: "'Getafix", kind: 'repost' });
    // "the period Sonia Flynn referred to" is a mention, not a speaker.
    expect(voiceOfWords(text, 'Qualifying in the early 90s')).toEqual({ speaker: null, kind: 'quotation' });
    expect(voiceOfWords(text, 'As someone who has always aimed to work')).toEqual({ speaker: 'Mike Guilfoyle', kind: 'quotation' });
    // The closing quotation mark ends Mike Guilfoyle's words: the tribute under it is the blogger's.
    expect(voiceOfWords(text, 'I met Mike in the very early days of this blog')).toBeNull();
  });

  test('"The following contributions came in yesterday" then --oo00oo--: the contribution is a reader’s, unnamed (seed 002)', () => {
    const text = body('002');
    expect(voiceOfWords(text, 'The following contributions came in yesterday')).toBeNull();
    expect(voiceOfWords(text, "I don't know anybody who wants to be in case management")).toEqual({ speaker: null, kind: 'repost' });
  });

  test('a post with no quotation is all the blogger’s (seed 004)', () => {
    const text = body('004');
    expect(voicesOf(text).every((s) => s.voice === null)).toBe(true);
  });
});

describe('voices in texts written for the purpose', () => {
  test('a press statement: "The following statement was circulated by Napo:" runs to the end, speaker Napo', () => {
    const text = [
      'Strike talk is in the air again and the union has been busy.',
      '',
      'The following statement was circulated by Napo to members this morning:',
      '',
      'Members have voted to reject the pay offer by a large majority.',
      '',
      'We will now consult on industrial action.',
    ].join('\n');
    expect(voiceOfWords(text, 'Strike talk is in the air')).toBeNull();
    expect(voiceOfWords(text, 'Members have voted to reject')).toEqual({ speaker: 'Napo', kind: 'statement' });
    expect(voiceOfWords(text, 'We will now consult')).toEqual({ speaker: 'Napo', kind: 'statement' });
  });

  test('a statement introduced without a name is quoted, source not named, and never credited to a name mentioned nearby', () => {
    const text =
      'Amy Rees was asked about it on Monday.\n\nThe following statement was circulated to staff yesterday:\n\nWe remain committed to a safe and effective probation service.';
    expect(voiceOfWords(text, 'We remain committed')).toEqual({ speaker: null, kind: 'statement' });
  });

  test('the sign-off names a writer the introduction only described, and the blogger resumes after it', () => {
    const text = [
      'The Chief Probation Officer wrote to all staff today:-',
      '',
      'I wanted to write to you all personally to share some news about my future.',
      '',
      'Sonia Flynn CBE',
      'Chief Probation Officer',
      '',
      'What do readers make of that?',
    ].join('\n');
    expect(voiceOfWords(text, 'I wanted to write to you all')).toEqual({ speaker: 'Sonia Flynn', kind: 'letter' });
    expect(voiceOfWords(text, 'What do readers make of that?')).toBeNull();
  });

  test('a letter signed with a valediction: "Best wishes," then the name', () => {
    const text = 'Another letter to staff arrived today:-\n\nDear colleagues, thank you for all you do.\n\nBest wishes,\nJane Smith';
    expect(voiceOfWords(text, 'Dear colleagues')).toEqual({ speaker: 'Jane Smith', kind: 'letter' });
  });

  test('a signed passage with no introduction is the signer’s, back to the blogger’s last question', () => {
    const text =
      'What on earth is going on?\n\nThe service is committed to recruiting 1,500 new officers this year.\n\nJohn Doe\nDirector General of Probation';
    expect(voiceOfWords(text, 'What on earth')).toBeNull();
    expect(voiceOfWords(text, 'The service is committed')).toEqual({ speaker: 'John Doe', kind: 'quotation' });
  });

  test('a colon alone does not make a quotation: "Two things strike me:" is followed by the writer’s own words', () => {
    const text = 'Two things strike me:\n\nThe caseloads are too high and the pay is too low.';
    expect(voicesOf(text).every((s) => s.voice === null)).toBe(true);
  });

  test('a comment that is only a quotation is all quotation, however it is marked', () => {
    for (const text of [
      '“I had returned from a spell in NOMS and was ill prepared for the absolute shit shower on my return”',
      '" Workload wise that is how to manage it.\n\nSickness wise that is disgusting and we all despise you."',
    ]) {
      expect(voicesOf(text, { writerSigns: true }).every((s) => s.voice !== null)).toBe(true);
    }
  });

  test('a comment signed by its own writer with name and role is theirs, not a quotation', () => {
    const text = 'The pay offer is an insult and members should reject it.\n\nJane Smith\nNapo branch chair';
    expect(voicesOf(text, { writerSigns: true }).every((s) => s.voice === null)).toBe(true);
  });
});
