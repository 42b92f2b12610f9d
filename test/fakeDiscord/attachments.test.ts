/**
 * The fake's attachment rules, through a real discord.js Client (which sends files as multipart `files[n]` parts with
 * a `payload_json`) and through raw requests for what discord.js would never send.
 */
import { Client, Events, GatewayIntentBits, type Interaction, type TextChannel } from 'discord.js';
import { ATTACHMENT_LIMITS, startFakeDiscord, type FakeDiscord } from './index';

const PNG_1x1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082',
  'hex',
);

describe('fake Discord attachments', () => {
  let fake: FakeDiscord;
  let client: Client;
  let handler: (interaction: Interaction) => Promise<void> = async () => undefined;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    client.on(Events.InteractionCreate, (i) => void handler(i).catch(() => undefined));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(fake.token);
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });
  beforeEach(() => {
    fake.violations.length = 0;
  });

  /** A raw multipart request as a bot would make it (files[n] parts and payload_json). */
  async function multipart(method: string, route: string, payload: unknown, files: Array<{ field: string; name: string; data: Buffer }>) {
    const form = new FormData();
    form.append('payload_json', JSON.stringify(payload));
    for (const f of files) form.append(f.field, new Blob([f.data], { type: 'image/png' }), f.name);
    const res = await fetch(`${fake.apiUrl}/v10${route}`, { method, body: form, headers: { authorization: `Bot ${fake.token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('keeps an uploaded image with its bytes, size and alt text, and points the embed at it', async () => {
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply({
        embeds: [{ title: 'chart', image: { url: 'attachment://chart.png' } }],
        files: [{ attachment: PNG_1x1, name: 'chart.png', description: 'a dot' }],
      });
    };
    const ix = fake.dispatchSlashCommand('chart');
    const reply = await ix.waitForReply();
    const edit = await ix.waitForRequest((r) => r.method === 'PATCH');
    expect(edit.contentType).toMatch(/^multipart\/form-data/);
    expect(edit.files).toEqual([expect.objectContaining({ field: 'files[0]', name: 'chart.png', size: PNG_1x1.length })]);
    expect((edit.body as { attachments: unknown }).attachments).toEqual([{ id: '0', description: 'a dot' }]);
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]).toMatchObject({ filename: 'chart.png', description: 'a dot', width: 1, height: 1 });
    expect(reply.attachments[0].data.equals(PNG_1x1)).toBe(true);
    expect((reply.embeds[0].image as { url: string }).url).toBe(reply.attachments[0].url);
    expect(fake.violations).toEqual([]);
  });

  it('replaces the attachments on an edit that lists none, as API v10 does', async () => {
    const channel = (await client.channels.fetch(fake.defaultChannelId)) as TextChannel;
    const sent = await channel.send({ content: 'one', files: [{ attachment: PNG_1x1, name: 'a.png' }] });
    expect(fake.message(sent.id)!.attachments.map((a) => a.filename)).toEqual(['a.png']);
    await sent.edit({ content: 'two', files: [{ attachment: PNG_1x1, name: 'b.png' }] });
    expect(fake.message(sent.id)!.attachments.map((a) => a.filename)).toEqual(['b.png']);
    await sent.edit({ content: 'three', attachments: [] });
    expect(fake.message(sent.id)!.attachments).toEqual([]);
  });

  it('leaves an embed image that names no attached file unresolved, as Discord does (no image shows)', async () => {
    const channel = (await client.channels.fetch(fake.defaultChannelId)) as TextChannel;
    const sent = await channel.send({
      embeds: [{ title: 't', image: { url: 'attachment://missing.png' } }],
      files: [{ attachment: PNG_1x1, name: 'other.png' }],
    });
    expect((fake.message(sent.id)!.embeds[0].image as { url: string }).url).toBe('attachment://missing.png');
  });

  it('refuses more than 10 files, an unknown attachment id, and over-long alt text', async () => {
    const route = `/channels/${fake.defaultChannelId}/messages`;
    const eleven = Array.from({ length: 11 }, (_, n) => ({ field: `files[${n}]`, name: `f${n}.png`, data: PNG_1x1 }));
    expect((await multipart('POST', route, { content: 'x' }, eleven)).status).toBe(400);
    const unknown = await multipart('POST', route, { content: 'x', attachments: [{ id: '3' }] }, [
      { field: 'files[0]', name: 'a.png', data: PNG_1x1 },
    ]);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('ATTACHMENT_NOT_FOUND');
    const long = await multipart(
      'POST',
      route,
      { content: 'x', attachments: [{ id: '0', description: 'd'.repeat(ATTACHMENT_LIMITS.description + 1) }] },
      [{ field: 'files[0]', name: 'a.png', data: PNG_1x1 }],
    );
    expect(long.status).toBe(400);
    expect(fake.violations.map((v) => v.code)).toEqual([50035, 50035, 50035]);
  });

  it('answers 413 to an upload over the size limit', async () => {
    const big = Buffer.alloc(ATTACHMENT_LIMITS.bytes + 1);
    const res = await multipart('POST', `/channels/${fake.defaultChannelId}/messages`, { content: 'x' }, [
      { field: 'files[0]', name: 'big.png', data: big },
    ]);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(40005);
  });
});
