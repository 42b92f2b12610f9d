import { DiscordAPIError } from 'discord.js';
import { DigestDisableError } from '../../src/digest/run';
import { digestHeading, digestMessage } from '../../src/discord/views/digestPost';
import { classifySendError } from '../../src/discord/digestSend';
import { toChannelMessageBody } from '../../src/discord/respond';
import { LIMITS } from '../../src/discord/limits';
import { selectDigestItem } from '../../src/digest/select';
import type { DigestItem } from '../../src/digest/types';
import { makeArchive, makePost } from './fixtures';

function apiError(code: number, status: number, message = 'refused'): DiscordAPIError {
  return new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.test/api/v10/channels/1/messages', {
    body: undefined,
    files: undefined,
  });
}

/** A history in which post `postId` was the item of an earlier day, so the next pick is one of its comments. */
function postAlreadyShown(postId: string) {
  return {
    entries: [
      {
        date: '2024-01-01',
        key: `post:${postId}`,
        consumes: [`post:${postId}`],
        postId: 'zz',
        postTitle: 'x',
        commentId: null,
        cycle: 0,
        postedAt: '',
        channelId: 'c',
        messageId: null,
      },
    ],
  };
}

describe('digest on Discord', () => {
  test('permission, access, deleted channel and removal disable with a reason naming the channel; outages retry', () => {
    const missing = classifySendError(apiError(50013, 403, 'Missing Permissions'), '42');
    expect(missing).toBeInstanceOf(DigestDisableError);
    expect((missing as DigestDisableError).reason).toMatch(/<#42>.*Send Messages/);
    expect((classifySendError(apiError(50001, 403), '42') as DigestDisableError).reason).toMatch(/no longer see <#42>/);
    expect((classifySendError(apiError(10003, 404), '42') as DigestDisableError).reason).toMatch(/<#42> was deleted/);
    expect((classifySendError(apiError(10004, 404), '42') as DigestDisableError).reason).toMatch(/removed from this server/);
    const outage = apiError(0, 503, 'Service Unavailable');
    expect(classifySendError(outage, '42')).toBe(outage);
    const network = new Error('ECONNRESET');
    expect(classifySendError(network, '42')).toBe(network);
  });

  test("the channel post's body is the one builder's: cut to Discord's limits, pinging nobody, never silently without its files", () => {
    const body = toChannelMessageBody({ content: '@everyone '.repeat(400), embeds: [{ description: 'x'.repeat(5000), fields: [] }] });
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(body.embeds![0].description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(() => toChannelMessageBody({ files: [{ name: 'chart.png', data: Buffer.from('png') }] })).toThrow(/cannot carry files/);
  });

  test('the heading says "On this day in <year>" or "From the archive — <date of the original>"', () => {
    expect(digestHeading({ onThisDay: true, postDate: '2022-10-25' })).toBe('On this day in 2022');
    expect(digestHeading({ onThisDay: false, postDate: '2022-10-25' })).toBe('From the archive — 25 Oct 2022');
    expect(digestHeading({ onThisDay: false, postDate: null })).toBe('From the archive');
  });

  test('a quoted @everyone and markdown are neutralised, and the thread button opens /thread privately for anyone', () => {
    const text = '@everyone look at **this**: the <@123456789012345678> rota is a *disgrace* and nobody in HQ cares at all.';
    const archive = makeArchive([makePost('a', '2020-05-05', [{ text, author: 'Getafix' }])]);
    const history = postAlreadyShown('a');
    const item = selectDigestItem({ archive, date: '2024-01-02', serverId: 'g', history }) as DigestItem;
    expect(item.kind).toBe('comment');
    const message = digestMessage(item);
    const embed = message.embeds![0];
    expect(embed.description).not.toContain('@everyone');
    expect(embed.description).not.toContain('<@123456789012345678>');
    expect(embed.description).toContain('\\*\\*this\\*\\*');
    expect(embed.description).toMatch(/— Getafix · #1/);
    expect(embed.fields!.find((f) => f.name === 'The post')!.value).toContain('[Post a](https://');
    const buttons = message.components![0].components as Array<{ custom_id?: string; label?: string }>;
    expect(buttons[0]).toMatchObject({ label: 'Read the thread', custom_id: 'thread:summary:a:0' });
    // The comment whole, with its replies: owned by nobody, so whoever clicks gets it privately.
    expect(buttons[1]).toMatchObject({ label: 'Read in full', custom_id: 'thread:full:a-1:0:0' });
  });

  test("a very long comment still fits Discord's limits", () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} about caseloads and the office.`).join(' ');
    const archive = makeArchive([makePost('a', '2020-05-05', [{ text: long }])]);
    const history = postAlreadyShown('a');
    const item = selectDigestItem({ archive, date: '2024-01-02', serverId: 'g', history }) as DigestItem;
    const embed = digestMessage(item).embeds![0];
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toContain('…');
  });
});
