import { attachmentUrl, finishReply, type ReplySpec } from '../../src/discord/messageBuilder';
import { toDiscordPayload, toDiscordReplyPayload } from '../../src/discord/respond';
import { renderForTerminal } from '../../src/cli/terminalRender';
import { LIMITS } from '../../src/discord/limits';

const png = Buffer.from('89504e47', 'hex');
const chartReply = (extra: Partial<ReplySpec> = {}): ReplySpec => ({
  embeds: [{ title: 'Trend', image: { url: attachmentUrl('trend.png') } }],
  files: [{ name: 'trend.png', data: png, description: 'Bar chart: 2021: 3', text: '2021 │███ 3' }],
  ...extra,
});

describe('GIVEN a reply with a chart attached', () => {
  test('THEN discord.js gets the file with its alt text, uploaded with the embed that shows it', () => {
    const payload = toDiscordReplyPayload(chartReply());
    expect(payload.files).toEqual([{ attachment: png, name: 'trend.png', description: 'Bar chart: 2021: 3' }]);
    expect(payload.embeds).toEqual([expect.objectContaining({ image: { url: 'attachment://trend.png' } })]);
    expect(payload).not.toHaveProperty('attachments');
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  test('THEN a reply without files clears any attachment the edited message had', () => {
    expect(toDiscordPayload({ content: 'no chart' })).toMatchObject({ attachments: [] });
    expect(toDiscordPayload({ content: 'no chart' })).not.toHaveProperty('files');
  });

  test('THEN alt text is cut to 1,024 characters, and the reply stays as it was otherwise', () => {
    const long = chartReply({ files: [{ name: 'trend.png', data: png, description: 'word '.repeat(400) }] });
    const fitted = finishReply(long);
    expect(fitted.files![0].description!.length).toBeLessThanOrEqual(LIMITS.attachmentDescription);
    expect(fitted.files![0].data).toBe(png);
    expect(finishReply(fitted)).toEqual(fitted);
  });

  test('THEN an embed pointing at a file that is not attached, a bad name, a duplicate or too many files are bugs', () => {
    expect(() => finishReply(chartReply({ files: [] }))).toThrow(/attachment:\/\/trend\.png but no such file/);
    expect(() => finishReply(chartReply({ files: [{ name: 'my chart.png', data: png }] }))).toThrow(/attachment name/);
    expect(() =>
      finishReply({
        files: [
          { name: 'a.png', data: png },
          { name: 'a.png', data: png },
        ],
      }),
    ).toThrow(/two attachments named/);
    expect(() => finishReply({ files: Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.png`, data: png })) })).toThrow(/at most 10/);
    expect(() => finishReply({ files: [{ name: 'big.png', data: Buffer.alloc(LIMITS.attachmentBytes + 1) }] })).toThrow(/bytes/);
  });

  test('THEN the console prints the chart as text where Discord shows the image', () => {
    const text = renderForTerminal(chartReply(), { ansi: false });
    expect(text).toContain('TREND');
    expect(text).toContain('2021 │███ 3');
    expect(renderForTerminal(chartReply({ files: [{ name: 'trend.png', data: png }] }), { ansi: false })).toContain('[image trend.png]');
  });
});
