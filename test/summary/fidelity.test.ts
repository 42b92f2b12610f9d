/**
 * Who said what, on the five seed threads and on threads written for the purpose: the gist names the speaker of
 * every quoted sentence, no quote is mostly someone else's words, and the terms come from the writers' own words.
 */
import type { Archive, Post } from '../../src/corpus/types';
import { buildCorpusStats, summarizeThread, voicesOf } from '../../src/summary';
import type { ThreadSummary } from '../../src/summary';
import { makePost, seedSummaries } from './fixtures';

let archive: Archive;
let summaries: Map<string, ThreadSummary>;

beforeAll(async () => {
  ({ archive, summaries } = await seedSummaries());
});

const seed = (prefix: string): Post => archive.posts.find((p) => p.source.startsWith(prefix))!;
const summaryOf = (prefix: string) => summaries.get(seed(prefix).id)!;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of `quote`'s words inside a run of five or more words found, in order, in `sources` (a plain re-check). */
function copiedShare(quote: string, sources: string[]): number {
  const grams = new Set<string>();
  for (const source of sources) {
    const w = words(source);
    for (let i = 0; i + 5 <= w.length; i++) grams.add(w.slice(i, i + 5).join(' '));
  }
  const q = words(quote);
  const copied = new Uint8Array(q.length);
  for (let i = 0; i + 5 <= q.length; i++) if (grams.has(q.slice(i, i + 5).join(' '))) copied.fill(1, i, i + 5);
  return q.length === 0 ? 0 : copied.reduce((s, x) => s + x, 0) / q.length;
}

describe('the seed summaries say whose words they show', () => {
  test('each gist sentence carries the voice of the part of the post it comes from', () => {
    for (const post of archive.posts) {
      const voices = voicesOf(post.body);
      for (const g of summaries.get(post.id)!.gist) {
        const at = post.body.indexOf(g.text);
        const voice = voices.find((s) => s.start <= at && at < s.end)?.voice ?? null;
        expect({ text: g.text, speaker: g.speaker, quoted: g.quoted }).toEqual({
          text: g.text,
          speaker: voice ? (voice.speaker ?? 'quoted') : null,
          quoted: voice?.kind ?? null,
        });
      }
    }
  });

  test('"Changes at the Top": the blogger’s framing is the blogger’s, Sonia Flynn’s letter is hers', () => {
    const gist = summaryOf('000').gist;
    expect(gist[0]).toMatchObject({ speaker: null, text: expect.stringContaining('I notice the Chief Probation Officer is jumping ship') });
    for (const g of gist)
      if (/I have decided|I am delighted|my time as Chief Probation Officer/.test(g.text))
        expect(g).toMatchObject({ speaker: 'Sonia Flynn', quoted: 'letter' });
    expect(gist.filter((g) => g.speaker === null).length).toBeGreaterThanOrEqual(1);
  });

  test('"Probation Voice Must Continue to be Heard": the inspection letter is Justin Russell’s, not the blog’s', () => {
    for (const g of summaryOf('001').gist) {
      if (/our latest round|we inspected|we rated|I have welcomed/.test(g.text)) expect(g.speaker).toBe('Justin Russell');
      else expect(g.speaker).toBeNull();
    }
  });

  test('"Relationship Theme Continued": the reposted comment is shown as ’Getafix’s', () => {
    const body = seed('003').body;
    const from = body.indexOf('Everything, and I do mean everything');
    const to = body.indexOf('Also from yesterday');
    const reposted = summaryOf('003').gist.filter((g) => body.indexOf(g.text) >= from && body.indexOf(g.text) < to);
    expect(reposted.length).toBeGreaterThan(0);
    for (const g of reposted) expect(g).toMatchObject({ speaker: "'Getafix", quoted: 'repost' });
  });

  test('the gist draws mainly on the blogger: never more than one quoted sentence where the blogger wrote two or more', () => {
    for (const post of archive.posts) {
      const gist = summaries.get(post.id)!.gist;
      const own = gist.filter((g) => g.speaker === null).length;
      if (own >= 2) expect(gist.length - own).toBeLessThanOrEqual(1);
    }
  });
});

describe('the seed quotes are the commenters’ own words', () => {
  test('no quote is mostly copied from the post or an earlier comment', () => {
    for (const post of archive.posts) {
      for (const q of summaries.get(post.id)!.quotes) {
        const index = post.comments.findIndex((c) => c.id === q.commentId);
        const earlier = [post.body, ...post.comments.slice(0, index).map((c) => c.text)];
        expect({ quote: q.text, copied: copiedShare(q.text, earlier) < 0.5 }).toEqual({ quote: q.text, copied: true });
      }
    }
  });

  test('"Changes at the Top" quotes a reaction (#1 "Horseshit and platitudes" or #7 the David Brent comment), and none of the letter', () => {
    const quotes = summaryOf('000').quotes;
    expect(quotes.map((q) => q.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^#(1|7)$/)]));
    for (const q of quotes) expect(q.text).not.toMatch(/I am delighted to let you know|You will know from hearing me speak/);
  });

  test('the undated compilation quotes the sick-leave / fire-alarm comment and the backlash to it', () => {
    const paths = summaryOf('002').quotes.map((q) => q.path);
    expect(paths).toContain('#7');
    expect(paths.some((p) => ['#7.1', '#8.1', '#19', '#20'].includes(p))).toBe(true);
  });

  test('a signed regular is one voice: two quotes never come from the same signature', () => {
    for (const s of summaries.values()) {
      const signed = s.quotes.filter((q) => q.author).map((q) => q.author!.toLowerCase());
      expect(new Set(signed).size).toBe(signed.length);
    }
  });
});

describe('the seed terms name what the threads were about', () => {
  test('the compilation’s terms name the sick-leave / fire-alarm exchange', () => {
    expect(summaryOf('002').terms).toEqual(expect.arrayContaining(['fire alarm', 'sick leave']));
  });

  test('the names people would recognise a thread by', () => {
    expect(summaryOf('000').terms).toContain('Sonia Flynn');
    expect(summaryOf('001').terms).toEqual(expect.arrayContaining(['Justin Russell', 'Amy Rees', 'pay offer']));
    expect(summaryOf('003').terms).toContain('Mike Guilfoyle');
  });

  test('no term is only in a quoted letter or a pasted advert', () => {
    // "Changes at the Top" is not about being "delighted" or "passionate" (Sonia Flynn's letter)…
    for (const word of ['delighted', 'passionate', 'loved', 'events'])
      expect(summaryOf('000').terms.map((t) => t.toLowerCase())).not.toContain(word);
    // …nor "Probation Voice" about the job adverts its commenters pasted.
    for (const word of ['band', 'workstream', 'secondment', 'salary', 'programme'])
      expect(summaryOf('001').terms.map((t) => t.toLowerCase())).not.toContain(word);
  });
});

describe('threads written for the purpose', () => {
  const empty = { documents: 1, documentFrequency: new Map<string, number>() };

  test('a comment that repeats the post, however central, is never quoted as the commenter’s', () => {
    const letter = 'I am delighted to announce that I will be taking up a new role leading the professional register for probation staff.';
    const post = makePost('echo', {
      body: `The chief is off:-\n\nA Message to Staff from Jane Smith\n\n${letter}\n\nJane Smith\nChief Probation Officer`,
      comments: [
        { text: `"${letter}"` },
        { text: letter },
        { text: 'Another chief leaves with a gong while the professional register for probation staff goes nowhere.' },
        { text: 'The new role is a reward for presiding over the collapse of probation staff morale.' },
      ],
    });
    const s = summarizeThread(post, empty);
    for (const q of s.quotes) expect(q.text).not.toContain('I will be taking up a new role');
    expect(s.gist.find((g) => g.text === letter)).toMatchObject({ speaker: 'Jane Smith', quoted: 'letter' });
  });

  test('a sub-thread opened by quoting the post is introduced by the opener’s own words', () => {
    const letter = 'I am delighted to announce that I will be taking up a new role leading the professional register.';
    const post = makePost('opener', {
      body: `Big news today:-\n\nA Message to Staff from Jane Smith\n\n${letter}\n\nJane Smith\nChief Probation Officer`,
      comments: [
        {
          text: `"${letter}"\n\nDelighted for whom? Not for the staff she left behind.`,
          replies: [{ text: 'Quite right.' }, { text: 'Hear hear.' }],
        },
      ],
    });
    expect(summarizeThread(post, empty).subthreads[0].opening).toBe('Delighted for whom?');
  });

  test('a long comment is quoted by its point, not its throat-clearing opening', () => {
    const post = makePost('point', {
      comments: [
        {
          text: [
            'This may, or may not seem contentious to members, but I have been thinking about the pay offer ballot for a while now.',
            'Management keeps telling us the deal is generous when it plainly is not.',
            'Shredding our terms and conditions quietly is the real scandal here!',
          ].join(' '),
        },
        { text: 'The pay offer ballot closes on Friday and members are angry about it.' },
        { text: 'Members will reject the pay offer in the ballot, I am sure of it.' },
      ],
    });
    const quote = summarizeThread(post, empty).quotes.find((q) => q.path === '#1');
    expect(quote).toBeDefined();
    expect(quote!.text).not.toContain('This may, or may not seem contentious');
  });

  test('two comments signed by one regular are one voice: only one of them is quoted', () => {
    const post = makePost('regular', {
      comments: [
        { text: 'The pay offer is an insult to every probation officer and members must reject it.', author: "'Getafix" },
        { text: 'Reject the pay offer, every probation officer and member, it is an insult.', author: "'Getafix" },
        { text: 'Caseloads are the real story and nobody in management is listening to staff.' },
        { text: 'My office lost three officers this month and the pay offer will not bring them back.' },
      ],
    });
    const authors = summarizeThread(post, empty).quotes.map((q) => q.author);
    expect(authors.filter((a) => a === "'Getafix")).toHaveLength(1);
  });

  test('a post that quotes a long letter is summarised mainly in the blogger’s words', () => {
    const letter = [
      'The professional register for probation practitioners opens in the spring for every practitioner.',
      'Registration recognises the skill of probation practitioners and the register protects the public.',
      'Every practitioner on the register will keep a record of training and professional development.',
      'The register gives probation practitioners the recognition their professional work deserves.',
      'Practitioners who join the register early will help shape its professional standards.',
      'I am proud that the register for probation practitioners is finally becoming a reality.',
    ].join('\n\n');
    const post = makePost('letter', {
      body: [
        'Staff morale is at rock bottom after the merger announcement.',
        'Nobody asked the people who hold the caseloads what they think.',
        'Now the register arrives with a letter from the top:-',
        '',
        'A Message to Staff from Jane Smith',
        '',
        letter,
        '',
        'Jane Smith',
        'Chief Probation Officer',
      ].join('\n'),
      comments: [{ text: 'The register will change nothing for probation practitioners or their professional standing.' }],
    });
    const gist = summarizeThread(post, empty).gist;
    expect(gist.filter((g) => g.speaker === null).length).toBeGreaterThanOrEqual(2);
    expect(gist.filter((g) => g.speaker === 'Jane Smith').length).toBeLessThanOrEqual(1);
  });

  test('words that only occur in a pasted advert or a quoted letter are not what the thread was about', () => {
    const advert =
      'Band 6 secondment opportunities: workstream leads wanted. The salary range is £54,599 - £65,518. Closing Date: 19/04/2022.';
    const post = makePost('paste', {
      body: 'Staff are angry about the pay offer.',
      comments: [
        { text: `The pay offer is an insult.\n\n${advert}` },
        { text: `Reject the pay offer.\n\n${advert}` },
        { text: `The pay offer must go.\n\n${advert}` },
      ],
    });
    const terms = summarizeThread(post, buildCorpusStats({ posts: [post, ...archive.posts] })).terms.map((t) => t.toLowerCase());
    for (const pasted of ['secondment', 'workstream', 'salary', 'closing']) expect(terms.join(' ')).not.toContain(pasted);
    expect(terms).toContain('pay offer');
  });
});
