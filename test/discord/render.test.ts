import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import { finishReply, button, row, embedLength } from '../../src/discord/messageBuilder';
import { renderQuote, escapeArchiveText } from '../../src/discord/quote';
import { toDiscordPayload, toDiscordReplyPayload } from '../../src/discord/respond';
import { LIMITS } from '../../src/discord/limits';

const base = {
  author: 'Getafix',
  position: '12.3',
  postTitle: 'Pay *offer* news',
  postDate: '2022-09-02',
  url: 'https://probationmatters.blogspot.com/2022/09/x.html',
};

describe('GIVEN archive text quoted on Discord', () => {
  test('THEN markdown shows as typed and mentions are neutralised in the text', () => {
    const out = escapeArchiveText('*not bold* _nor italic_ @everyone @here <@123456789012345678> <@&123456789012345678>');
    expect(out).toContain('\\*not bold\\*');
    expect(out).toContain('\\_nor italic\\_');
    expect(out).not.toMatch(/@everyone|@here/);
    expect(out).not.toMatch(/<@\d+>|<@&\d+>/);
  });

  test('THEN every payload pings nobody and is ephemeral only when asked', () => {
    const spec = { content: 'hello @everyone' };
    expect(toDiscordPayload(spec).allowedMentions).toEqual({ parse: [] });
    expect(toDiscordReplyPayload({ ...spec, ephemeral: true })).toMatchObject({ allowedMentions: { parse: [] }, flags: 64 });
    expect(toDiscordReplyPayload(spec)).not.toHaveProperty('flags');
  });

  test('THEN a quote shows bold highlights, the author, #position, the post title and date, and a link', () => {
    const text = 'The pay offer is an insult to staff.';
    const q = renderQuote(
      {
        ...base,
        text,
        highlights: [
          { start: 4, end: 7 },
          { start: 8, end: 13 },
        ],
      },
      1024,
    );
    expect(q.body).toContain('**pay** **offer**');
    expect(q.body).toContain('— Getafix · #12.3 · [original](https://probationmatters.blogspot.com/2022/09/x.html)');
    expect(q.heading).toBe('Pay \\*offer\\* news · 2 Sep 2022');
    expect(renderQuote({ ...base, author: null, text }, 1024).body).toContain('— Anonymous');
  });

  test('THEN a long quote is cut at a sentence or word with an ellipsis, within the limit', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const q = renderQuote({ ...base, text: words }, 500);
    expect(q.body.length).toBeLessThanOrEqual(500);
    const quoted = q.body.split('\n')[0];
    expect(quoted).toMatch(/word\d+…$/);
    // Every word shown is whole.
    for (const w of quoted.replace(/^> /, '').replace('…', '').split(' ')) expect(words.split(' ')).toContain(w);
  });

  test('THEN an emoji is never split in half', () => {
    const text = '😀'.repeat(600);
    const q = renderQuote({ ...base, text }, 300);
    expect(q.body.length).toBeLessThanOrEqual(300);
    expect(q.body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  test('THEN a quote whose escaping overflows just after a sentence end keeps its text (not only the attribution)', () => {
    // Each cut at the same sentence end came out 2 characters over, and the budget shrank by 3 a try above it: after
    // 12 tries the quote fell back to the attribution alone.
    const text = Array.from({ length: 60 }, (_, i) => `Sentence ${i} says the _caseload_ figures are *wrong* again.`).join(' ');
    for (let max = 900; max <= 1000; max++) {
      const q = renderQuote({ ...base, text }, max);
      expect(q.body.length).toBeLessThanOrEqual(max);
      expect(q.body).toMatch(/^> Sentence 0 says/);
    }
  });

  test('THEN escaping that lengthens the text still fits the limit', () => {
    const q = renderQuote({ ...base, text: '*_'.repeat(1000) }, 400);
    expect(q.body.length).toBeLessThanOrEqual(400);
  });
});

describe('GIVEN a reply bigger than Discord allows', () => {
  const longField = (i: number) => ({ name: `Field ${i}`, value: 'lorem ipsum dolor sit amet. '.repeat(60) });

  test('THEN at most 25 fields are kept and the embeds stay within 6,000 characters in all', () => {
    const embed: APIEmbed = {
      title: 'T'.repeat(300),
      description: 'd '.repeat(3000),
      fields: Array.from({ length: 30 }, (_, i) => longField(i)),
    };
    const out = finishReply({ embeds: [embed, { description: 'second embed '.repeat(100) }] });
    const total = out.embeds!.reduce((n, e) => n + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(out.embeds![0].fields!.length).toBeLessThanOrEqual(25);
    expect(out.embeds![0].title!.length).toBeLessThanOrEqual(256);
    for (const f of out.embeds![0].fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
  });

  test('THEN content is cut to 2,000 characters with an ellipsis', () => {
    const out = finishReply({ content: 'a few words '.repeat(400) });
    expect(out.content!.length).toBeLessThanOrEqual(2000);
    expect(out.content!.endsWith('…')).toBe(true);
  });

  test('THEN a row of 7 buttons becomes rows of at most 5', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => button(`x:b:${i}`, `B${i}`, { style: ButtonStyle.Secondary }));
    const out = finishReply({ content: 'x', components: [row(...buttons)] });
    expect(out.components!.map((r) => r.components.length)).toEqual([5, 2]);
    expect(out.components![0].components[0].type).toBe(ComponentType.Button);
  });

  test('THEN two components with one custom_id are refused before Discord sees them', () => {
    expect(() => finishReply({ content: 'x', components: [row(button('t:c:1', 'A'), button('t:c:1', 'B'))] })).toThrow(
      /duplicate custom_id/,
    );
  });

  test('THEN a custom_id over 100 characters is refused', () => {
    expect(() => button('x'.repeat(101), 'Too long')).toThrow(/custom_id/);
  });
});
