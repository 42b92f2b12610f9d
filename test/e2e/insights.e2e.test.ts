/**
 * /trend and /author end to end: the real bot and a real discord.js Client against the fake Discord. The chart must
 * arrive as Discord wants it: a PNG uploaded in the same message (multipart, `files[n]` + `payload_json`), referred
 * to from the embed as `attachment://<file>.png`, every limit respected (the fake refuses anything else).
 */
import type { RecordedRequest, SentMessage } from '../fakeDiscord';
import { countColour, decodePng } from '../charts/pngInspect';
import { CHART_STYLE } from '../../src/charts';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

type Component = { type: number; custom_id?: string; label?: string; options?: Array<{ value: string; label: string }> };
const componentsOf = (m: SentMessage): Component[] => m.components.flatMap((row) => (row as { components?: Component[] }).components ?? []);
const embedOf = (m: SentMessage) =>
  m.embeds[0] as {
    title?: string;
    description?: string;
    image?: { url: string; width?: number };
    fields?: Array<{ name: string; value: string }>;
  };

/** The request that delivered the message's content with a file: multipart, files[0] and a payload_json naming it. */
function uploadOf(requests: RecordedRequest[]): RecordedRequest {
  const upload = requests.find((r) => r.files.length > 0);
  if (!upload) throw new Error(`no request uploaded a file: ${requests.map((r) => `${r.method} ${r.route}`).join(', ')}`);
  return upload;
}

function expectChartMessage(message: SentMessage, upload: RecordedRequest, file: string): void {
  expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
  expect(upload.files).toEqual([expect.objectContaining({ field: 'files[0]', name: file, contentType: 'image/png' })]);
  const body = (upload.route.endsWith('/callback') ? (upload.body as { data: unknown }).data : upload.body) as {
    embeds: Array<{ image?: { url: string } }>;
    attachments: Array<{ id: string; description?: string }>;
  };
  expect(body.embeds[0].image?.url).toBe(`attachment://${file}`);
  expect(body.attachments).toEqual([{ id: '0', description: expect.stringMatching(/chart/) }]);
  // In the message: one attachment, the PNG, and the embed showing it.
  expect(message.attachments).toHaveLength(1);
  const [attachment] = message.attachments;
  expect(attachment).toMatchObject({ filename: file, contentType: 'image/png', width: 800, height: 420 });
  expect(embedOf(message).image?.url).toBe(attachment.url);
  const image = decodePng(attachment.data);
  expect([image.width, image.height]).toEqual([800, 420]);
  expect(countColour(image, CHART_STYLE.series[0], undefined, 10)).toBeGreaterThan(300);
}

describe('/trend and /author against the fake Discord', () => {
  let h: BotAgainstFake;
  beforeAll(async () => {
    h = await startBotAgainstFake();
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => {
    h.clock.advance(60_000);
  });
  afterEach(() => {
    expect(h.fake.violations.splice(0)).toEqual([]);
  });

  it('registers both commands', () => {
    expect(h.fake.registeredCommands('guild').map((c) => c.name)).toEqual(expect.arrayContaining(['trend', 'author']));
  });

  it('/trend uploads the chart in the same message as the embed that shows it', async () => {
    const ix = h.fake.dispatchSlashCommand('trend', { query: 'probation' });
    const reply = await ix.waitForReply();
    await ix.waitForRequest((r) => r.files.length > 0);
    expectChartMessage(reply, uploadOf(ix.requests), 'trend.png');
    expect(reply.ephemeral).toBe(false);
    const embed = embedOf(reply);
    expect(embed.title).toBe('Trend: probation');
    expect(embed.fields!.map((f) => f.name)).toEqual(['Peaks', 'The numbers']);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it('a peak button answers with a /search page for that period, as a new message', async () => {
    const chart = await h.fake.dispatchSlashCommand('trend', { query: 'probation' }).waitForReply();
    const peak = componentsOf(chart).find((c) => c.label === 'Search 2022')!;
    const press = h.fake.dispatchButton(chart, peak.custom_id!);
    const page = await press.waitForAnswer();
    expect(page.id).not.toBe(chart.id);
    const count = /2022: (\d+)/.exec(embedOf(chart).fields!.find((f) => f.name === 'The numbers')!.value)![1];
    expect(embedOf(page).title).toBe('Search: probation');
    expect(embedOf(page).description).toContain(`**${count}** results`);
    // The chart message is untouched, attachment included.
    expect(h.fake.message(chart.id)!.attachments).toHaveLength(1);
  });

  it('/trend compares terms per month, privately when asked, within every limit', async () => {
    const ix = h.fake.dispatchSlashCommand('trend', { query: 'pay, union, "probation officer"', by: 'month', ephemeral: true });
    const reply = await ix.waitForReply();
    await ix.waitForRequest((r) => r.files.length > 0);
    expect(reply.ephemeral).toBe(true);
    expectChartMessage(reply, uploadOf(ix.requests), 'trend.png');
    expect(embedOf(reply).fields!.map((f) => f.name)).toEqual(['Peaks: pay', 'Peaks: union', 'Peaks: "probation officer"', 'The numbers']);
  });

  it('/trend explains a bad query privately, at once', async () => {
    const ix = h.fake.dispatchSlashCommand('trend', { query: 'pay, "strike' });
    const reply = await ix.waitForReply();
    expect(ix.ackType).toBe(4);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^In “"strike”: Unbalanced quote/);
    expect(reply.attachments).toEqual([]);
  });

  it('/author autocompletes signatures, then uploads its chart and searches their comments', async () => {
    const choices = await h.fake.dispatchAutocomplete('author', { name: 'geta' }, 'name').waitForChoices();
    expect(choices).toEqual([{ name: "'Getafix (3)", value: "'Getafix" }]);
    const ix = h.fake.dispatchSlashCommand('author', { name: "'Getafix" });
    const reply = await ix.waitForReply();
    await ix.waitForRequest((r) => r.files.length > 0);
    expectChartMessage(reply, uploadOf(ix.requests), 'author.png');
    expect(embedOf(reply).description).toMatch(/^\*\*3\*\* comments/);
    const search = componentsOf(reply).find((c) => c.label === 'Search their comments')!;
    const page = await h.fake.dispatchButton(reply, search.custom_id!).waitForAnswer();
    expect(embedOf(page).description).toContain('**3** results');
    expect(page.attachments).toEqual([]);
  });
});
