/**
 * The fake Discord, proven with a real discord.js Client: if these pass, what the end-to-end suites observe at the
 * fake is what Discord itself would have seen and answered.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
} from 'discord.js';
import type { Interaction } from 'discord.js';
import { startFakeDiscord } from './index';
import type { FakeDiscord } from './index';

type Handler = (interaction: Interaction) => Promise<void>;

describe('fake Discord with a real discord.js Client', () => {
  let fake: FakeDiscord;
  let client: Client;
  /** Each test installs how the bot answers; errors surface in the test through `handlerErrors`. */
  let handler: Handler = async () => undefined;
  const handlerErrors: unknown[] = [];
  let readyAfterMs = 0;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    client.on(Events.InteractionCreate, (interaction) => {
      handler(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    const started = Date.now();
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(fake.token);
    await ready;
    readyAfterMs = Date.now() - started;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  beforeEach(() => {
    handlerErrors.length = 0;
    fake.violations.length = 0;
  });

  it('logs in and becomes ready from READY + GUILD_CREATE, not the 15-second guild timeout', () => {
    expect(readyAfterMs).toBeLessThan(5000);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(fake.botUserId);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const general = guild?.channels.cache.get(fake.defaultChannelId);
    expect(general && 'permissionsFor' in general && general.permissionsFor(guild!.members.me!).has(PermissionFlagsBits.SendMessages)).toBe(
      true,
    );
  });

  it('delivers a slash command whose reply arrives with its embed and allowed_mentions', async () => {
    let seen: { name: string; query: string | null; user: string; guild: string | null } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        name: interaction.commandName,
        query: interaction.options.getString('query'),
        user: interaction.user.id,
        guild: interaction.guildId,
      };
      await interaction.reply({
        embeds: [new EmbedBuilder().setTitle('Results').setDescription('**pay** offer')],
        allowedMentions: { parse: [] },
      });
    };
    const ix = fake.dispatchSlashCommand('search', { query: 'pay offer' }, { user: fake.users.bob });
    const reply = await ix.waitForReply();
    expect(seen).toEqual({ name: 'search', query: 'pay offer', user: fake.users.bob.id, guild: fake.guildId });
    expect(reply.embeds[0]).toMatchObject({ title: 'Results', description: '**pay** offer' });
    expect(reply.allowedMentions).toEqual({ parse: [] });
    expect(ix.ackType).toBe(4);
    expect(handlerErrors).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('records defer followed by editReply, and the deferred message becomes the visible reply', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'done after thinking' });
    };
    const ix = fake.dispatchSlashCommand('thread', { post: 'mustard' });
    const reply = await ix.waitForReply();
    expect(ix.ackType).toBe(5);
    expect(reply.content).toBe('done after thinking');
    expect(reply.ephemeral).toBe(true);
    const edit = await ix.waitForRequest((r) => r.method === 'PATCH');
    expect(edit.path).toBe(`/webhooks/${fake.applicationId}/${ix.token}/messages/@original`);
    expect(handlerErrors).toEqual([]);
  });

  it('reads multipart bodies (payload_json plus files), follow-ups and fetchReply', async () => {
    let fetched: string | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({
        content: 'with a file',
        files: [{ attachment: Buffer.from('hello'), name: 'notes.txt' }],
        allowedMentions: { parse: [] },
      });
      fetched = (await interaction.fetchReply()).content;
      await interaction.followUp({ content: 'and one more', flags: MessageFlags.Ephemeral });
    };
    const ix = fake.dispatchSlashCommand('search', { query: 'x' });
    const followUp = await ix.waitForFollowUp();
    const callback = await ix.waitForAck();
    expect(callback.contentType).toMatch(/^multipart\/form-data/);
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'with a file', allowed_mentions: { parse: [] } } });
    expect(callback.files).toEqual([expect.objectContaining({ name: 'notes.txt', size: 5 })]);
    expect(ix.original()?.raw.attachments).toEqual([expect.objectContaining({ filename: 'notes.txt' })]);
    expect(followUp).toMatchObject({ content: 'and one more', ephemeral: true });
    await fake.waitUntil(
      () => fetched,
      2000,
      () => 'fetchReply did not resolve',
    );
    expect(fetched).toBe('with a file');
    expect(handlerErrors).toEqual([]);
  });

  it('answers autocomplete with the choices the bot sends', async () => {
    let focused: { name: string; value: string } | undefined;
    handler = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: 'Netnipper', value: 'Netnipper' }]);
    };
    const ix = fake.dispatchAutocomplete('search', { query: 'pay', author: 'net' }, 'author');
    expect(await ix.waitForChoices()).toEqual([{ name: 'Netnipper', value: 'Netnipper' }]);
    expect(focused).toEqual({ name: 'author', value: 'net', type: 3, focused: true });
    expect(fake.violations).toEqual([]);
  });

  it('lets a button update the message it sits on, and carries who pressed it', async () => {
    const row = () =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary),
      );
    let pressedBy: string | undefined;
    let ownerOfMessage: string | undefined;
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'page 1', components: [row()] });
      if (interaction.isButton()) {
        pressedBy = interaction.user.id;
        ownerOfMessage = interaction.message.interactionMetadata?.user.id;
        await interaction.update({ content: `page 2 (${interaction.customId})`, components: [row()] });
      }
    };
    const first = await fake.dispatchSlashCommand('search', { query: 'x' }, { user: fake.users.alice }).waitForReply();
    const press = fake.dispatchButton(first, 'page:2', { user: fake.users.bob });
    const updated = await press.waitForReply();
    expect(press.ackType).toBe(7);
    expect(updated.id).toBe(first.id);
    expect(updated.content).toBe('page 2 (page:2)');
    expect(pressedBy).toBe(fake.users.bob.id);
    expect(ownerOfMessage).toBe(fake.users.alice.id);
    expect(() => fake.dispatchButton(first, 'nope')).toThrow(/no component "nope"/);
  });

  it('rejects a six-button row with Discord’s 50035 error even though discord.js builds it', async () => {
    let failure: { code?: unknown; status?: unknown } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const buttons = [1, 2, 3, 4, 5, 6].map((n) =>
        new ButtonBuilder().setCustomId(`b${n}`).setLabel(String(n)).setStyle(ButtonStyle.Secondary),
      );
      try {
        await interaction.reply({ content: 'too wide', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] });
      } catch (error) {
        failure = error as { code?: unknown; status?: unknown };
      }
    };
    const ix = fake.dispatchSlashCommand('search', { query: 'x' });
    const violation = await ix.waitForViolation();
    await fake.waitUntil(
      () => failure,
      2000,
      () => 'the client saw no error',
    );
    expect(failure).toMatchObject({ code: 50035, status: 400 });
    expect(violation.errors).toEqual([expect.objectContaining({ path: 'data.components.0.components', code: 'BASE_TYPE_BAD_LENGTH' })]);
    expect(ix.acknowledged).toBe(false);
  });

  it('rejects embeds over 6,000 characters in total although each field is within its own limit', async () => {
    let failure: { code?: unknown } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const embeds = [0, 1].map((i) => new EmbedBuilder().setTitle(`part ${i}`).setDescription('x'.repeat(3500)));
      await interaction.reply({ embeds }).catch((error: unknown) => {
        failure = error as { code?: unknown };
      });
    };
    const violation = await fake.dispatchSlashCommand('search', { query: 'x' }).waitForViolation();
    await fake.waitUntil(
      () => failure,
      2000,
      () => 'the client saw no error',
    );
    expect(failure?.code).toBe(50035);
    expect(violation.errors[0]).toMatchObject({ path: 'data.embeds', code: 'MAX_EMBED_SIZE_EXCEEDED' });
  });

  it('refuses a second acknowledgement with 40060', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'first' });
      // A second reply through the REST API directly: discord.js's own guard would stop `interaction.reply` first.
      await client.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        })
        .catch(() => undefined);
    };
    const ix = fake.dispatchSlashCommand('search', { query: 'x' });
    const violation = await ix.waitForViolation();
    expect(violation).toMatchObject({ status: 400, code: 40060, kind: 'interaction' });
    expect((await ix.waitForReply()).content).toBe('first');
  });

  it('answers 10062 Unknown interaction when the first response comes after the deadline', async () => {
    fake.interactionResponseTimeoutMs = 50;
    try {
      handler = async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((resolve) => setTimeout(resolve, 120));
        await interaction.reply({ content: 'too late' }).catch(() => undefined);
      };
      const violation = await fake.dispatchSlashCommand('search', { query: 'x' }).waitForViolation();
      expect(violation).toMatchObject({ status: 404, code: 10062 });
    } finally {
      fake.interactionResponseTimeoutMs = 3000;
    }
  });

  it('enforces channel permissions and existence for channel messages', async () => {
    const archive = fake.defineChannel({ name: 'from-the-archive' });
    fake.denyBot(archive.id, PermissionFlagsBits.SendMessages);
    await expect(client.rest.post(Routes.channelMessages(archive.id), { body: { content: 'hello' } })).rejects.toMatchObject({
      status: 403,
      code: 50013,
    });
    await expect(client.rest.post(Routes.channelMessages('123456789012345678'), { body: { content: 'hello' } })).rejects.toMatchObject({
      status: 404,
      code: 10003,
    });
    fake.setChannelOverwrites(archive.id, []);
    const sent = await client.rest.post(Routes.channelMessages(archive.id), {
      body: { content: 'hello @everyone', allowed_mentions: { parse: [] } },
    });
    expect(sent).toMatchObject({ content: 'hello @everyone', channel_id: archive.id });
    expect(fake.postedMessages(archive.id)[0].pings).toEqual({ everyone: false, users: [], roles: [] });
    expect(fake.violations.map((v) => v.code)).toEqual([50013, 10003]);
  });

  it('keeps the client’s permission cache in step with channel changes made during a test', async () => {
    const secret = fake.defineChannel({
      name: 'staff-only',
      overwrites: [{ id: fake.everyoneRoleId, type: 'role', deny: PermissionFlagsBits.ViewChannel }],
    });
    const seen = new Promise<boolean>((resolve) => {
      handler = async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        const channel = interaction.options.getChannel('channel', true);
        const cached = interaction.guild!.channels.cache.get(channel.id)!;
        resolve('permissionsFor' in cached && cached.permissionsFor(interaction.guild!.members.me!).has(PermissionFlagsBits.ViewChannel));
        await interaction.reply({ content: 'checked', flags: MessageFlags.Ephemeral });
      };
    });
    // Raw options as Discord sends them; the fake adds data.resolved.channels for the channel option.
    const ix = fake.dispatchSlashCommand('digest', [{ name: 'set', type: 1, options: [{ name: 'channel', type: 7, value: secret.id }] }], {
      user: fake.users.owner,
    });
    expect((ix.payload.data as { resolved?: { channels?: Record<string, unknown> } }).resolved?.channels?.[secret.id]).toMatchObject({
      id: secret.id,
      permissions: '0',
    });
    expect(await seen).toBe(false);
  });

  it('fails login with TokenInvalid for a wrong token', async () => {
    const stranger = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    try {
      await expect(stranger.login('not.the.token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    } finally {
      await stranger.destroy();
    }
  });

  it('registers commands by bulk overwrite, keeping ids when re-run, and types dispatched options from them', async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const body = [
      {
        name: 'digest',
        description: 'Daily post',
        options: [
          {
            type: 1,
            name: 'set',
            description: 'Set it',
            options: [
              { type: 7, name: 'channel', description: 'Where', required: true },
              { type: 3, name: 'time', description: 'When' },
            ],
          },
        ],
      },
    ];
    const first = (await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body })) as Array<{
      id: string;
      version: string;
    }>;
    const second = (await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body })) as Array<{
      id: string;
      version: string;
    }>;
    expect(second).toEqual(first);
    let received: { sub: string; channel: string; time: string | null } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      received = {
        sub: interaction.options.getSubcommand(),
        channel: interaction.options.getChannel('channel', true).id,
        time: interaction.options.getString('time'),
      };
      await interaction.reply({ content: 'ok' });
    };
    await fake
      .dispatchSlashCommand('digest set', { channel: fake.defaultChannelId, time: '08:30' }, { user: fake.users.owner })
      .waitForReply();
    expect(received).toEqual({ sub: 'set', channel: fake.defaultChannelId, time: '08:30' });
    expect(() => fake.dispatchSlashCommand('nosuch')).toThrow(/No command "\/nosuch"/);
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body: [] });
  });

  it('resumes after a dropped gateway connection and still delivers interactions', async () => {
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    fake.disconnectGateway(4000);
    await resumed;
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'still here' });
    };
    expect((await fake.dispatchSlashCommand('help', {}).waitForReply()).content).toBe('still here');
  });

  it('works in a DM, with no guild and no member', async () => {
    let where: { guild: string | null; context: number | null; member: unknown } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      where = { guild: interaction.guildId, context: interaction.context, member: interaction.member };
      await interaction.reply({ content: 'hi in DM' });
    };
    const reply = await fake.dispatchSlashCommand('help', {}, { dm: true, user: fake.users.bob }).waitForReply();
    expect(where).toEqual({ guild: null, context: InteractionContextType.BotDM, member: null });
    expect(reply.content).toBe('hi in DM');
  });
});
