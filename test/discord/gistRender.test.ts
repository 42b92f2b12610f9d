import { loadArchive } from '../../src/corpus/loadArchive';
import { renderGist } from '../../src/discord/quote';
import { renderForTerminal } from '../../src/cli/terminalRender';
import { summaryReply } from '../../src/discord/views/threadSummary';
import { digestMessage } from '../../src/discord/views/digestPost';
import { selectDigestItem, digestSummarizeWith } from '../../src/digest/select';
import { buildCorpusStats, createSummarizer, type GistSentence } from '../../src/summary';
import { SEEDS_DIR } from '../summary/fixtures';

const gist: GistSentence[] = [
  { text: 'The Chief Probation Officer is jumping ship:-', speaker: null, quoted: null },
  { text: 'I have decided it is the right time for a *change* of direction.', speaker: 'Sonia Flynn', quoted: 'letter' },
  { text: 'I will take up a new role.', speaker: 'Sonia Flynn', quoted: 'letter' },
  { text: 'Everything in society is based on relationships.', speaker: "'Getafix", quoted: 'repost' },
  { text: 'We rated two as Inadequate.', speaker: 'quoted', quoted: 'quotation' },
];

describe('a gist shown on Discord names the speaker of every quoted sentence', () => {
  test('the blogger’s words plain; each quoted passage block-quoted under its speaker, once per passage, markdown escaped', () => {
    const out = renderGist(gist, 4096);
    expect(out.split('\n')).toEqual([
      'The Chief Probation Officer is jumping ship:-',
      '**Sonia Flynn**, in the letter the post quotes:',
      '> I have decided it is the right time for a \\*change\\* of direction. I will take up a new role.',
      "**'Getafix**, in the comment the post reposts:",
      '> Everything in society is based on relationships.',
      '*Quoted in the post (its source not named):*',
      '> We rated two as Inadequate.',
    ]);
  });

  test('a speaker’s name from the archive cannot ping or format', () => {
    const out = renderGist([{ text: 'Hello all.', speaker: '@everyone *Bob*', quoted: 'letter' }], 4096);
    expect(out).not.toContain('@everyone');
    expect(out).toContain('\\*Bob\\*');
  });

  test('a long gist is cut to the limit, the labels kept', () => {
    const long = Array.from({ length: 300 }, (_, i) => `Sentence ${i} of the letter.`).join(' ');
    const out = renderGist(
      [
        { text: 'Intro:-', speaker: null, quoted: null },
        { text: long, speaker: 'Sonia Flynn', quoted: 'letter' },
      ],
      1000,
    );
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toContain('**Sonia Flynn**, in the letter the post quotes:');
    expect(out).toContain('…');
  });
});

describe('the seed thread "Changes at the Top" on Discord, in the console and in the daily post', () => {
  test('the /thread card and its console rendering say the letter is Sonia Flynn’s', async () => {
    const archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
    const post = archive.posts.find((p) => p.title === 'Changes at the Top')!;
    const summaries = createSummarizer(archive, { stats: buildCorpusStats(archive) });
    const reply = summaryReply(post, summaries.summarize(post.id)!, 'u1');
    const description = reply.embeds![0].description!;
    expect(description).toContain('**Sonia Flynn**, in the letter the post quotes:');
    expect(description.indexOf('jumping ship')).toBeLessThan(description.indexOf('Sonia Flynn'));
    const console = renderForTerminal(reply, { ansi: false, width: 200 });
    expect(console).toContain('Sonia Flynn**, in the letter the post quotes:');
    // The letter's words follow the label as a block quote.
    expect(console).toMatch(/in the letter the post quotes:\s*│\n│ > /);

    const item = selectDigestItem({
      archive,
      date: '2024-10-25',
      serverId: 'g',
      history: { entries: [] },
      summarize: digestSummarizeWith(summaries),
    })!;
    expect(item).toMatchObject({ kind: 'post', postId: post.id, speaker: null });
    const embed = digestMessage(item).embeds![0];
    expect(embed.description).toContain('**Sonia Flynn**, in the letter the post quotes:');
    // The quote under it is a commenter's own words, never the letter quoted back.
    const quote = embed.fields!.find((f) => f.name === 'From the discussion');
    expect(quote?.value ?? '').not.toMatch(/I am delighted to let you know|You will know from hearing me speak/);
  });
});
