/** The rules the fake enforces, checked directly: each one that discord.js lets through must be caught here. */
import { checkChoices, checkCommands, checkMessageBody, embedLength } from './limits';
import { resolvePings } from './mentions';
import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, P, channelPermissions, missingPermissions } from './permissions';

const paths = (errors: Array<{ path: string }>) => errors.map((e) => e.path);
const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });

describe('message limits', () => {
  it('accepts a message exactly at every limit', () => {
    const embed = {
      title: 't'.repeat(256),
      description: 'd'.repeat(4096),
      fields: [{ name: 'n', value: 'v'.repeat(1024) }],
      footer: { text: 'f'.repeat(600) },
    };
    expect(embedLength(embed)).toBe(256 + 4096 + 1 + 1024 + 600);
    expect(checkMessageBody({ content: 'c'.repeat(2000), embeds: [embed] }, { creating: true })).toEqual([]);
  });

  it('names each field that is one over its limit', () => {
    const body = {
      content: 'c'.repeat(2001),
      embeds: [
        {
          title: 't'.repeat(257),
          fields: [
            { name: 'n', value: '' },
            { name: 'n'.repeat(257), value: 'v'.repeat(1025) },
          ],
          footer: { text: 'f'.repeat(2049) },
        },
      ],
    };
    expect(paths(checkMessageBody(body, { creating: true }))).toEqual([
      'content',
      'embeds.0.title',
      'embeds.0.footer.text',
      'embeds.0.fields.0.value',
      'embeds.0.fields.1.name',
      'embeds.0.fields.1.value',
    ]);
  });

  it('counts the 6,000-character total across all embeds of a message', () => {
    const embeds = [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }];
    expect(checkMessageBody({ embeds }, { creating: true })).toEqual([
      expect.objectContaining({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED' }),
    ]);
  });

  it('limits embeds to 10 and fields to 25', () => {
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    expect(paths(checkMessageBody({ embeds: [{ fields }] }, { creating: true }))).toEqual(['embeds.0.fields']);
    expect(paths(checkMessageBody({ embeds: Array.from({ length: 11 }, () => ({ description: 'e' })) }, { creating: true }))).toEqual([
      'embeds',
    ]);
  });

  it('enforces rows, buttons per row, lone selects, custom_id length and uniqueness', () => {
    const row = (...components: unknown[]) => ({ type: 1, components });
    const select = { type: 3, custom_id: 'pick', options: [{ label: 'a', value: 'a' }] };
    const body = {
      components: [
        row(...['1', '2', '3', '4', '5', '6'].map(button)),
        row(select, button('x')),
        row({ type: 2, style: 1, label: 'long id', custom_id: 'i'.repeat(101) }),
        row(button('dup'), button('dup')),
        row({ type: 2, style: 1, label: 'l'.repeat(81), custom_id: 'long-label' }),
        row(button('sixth-row')),
      ],
    };
    expect(paths(checkMessageBody(body, { creating: true }))).toEqual([
      'components',
      'components.0.components',
      'components.1.components',
      'components.2.components.0.custom_id',
      'components.3.components.1.custom_id',
      'components.4.components.0.label',
    ]);
  });

  it('limits select menus to 25 unique options of at most 100 characters', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `v${i}` }));
    const errors = checkMessageBody({ components: [{ type: 1, components: [{ type: 3, custom_id: 's', options }] }] }, { creating: true });
    expect(paths(errors)).toEqual(['components.0.components.0.options']);
    const long = [
      { label: 'l'.repeat(101), value: 'same' },
      { label: 'ok', value: 'same' },
    ];
    expect(
      paths(checkMessageBody({ components: [{ type: 1, components: [{ type: 3, custom_id: 's', options: long }] }] }, { creating: true })),
    ).toEqual(['components.0.components.0.options.0.label', 'components.0.components.0.options.1.value']);
  });

  it('refuses an empty new message but allows a partial edit', () => {
    expect(paths(checkMessageBody({ content: '' }, { creating: true }))).toEqual(['']);
    expect(checkMessageBody({ components: [] }, { creating: false })).toEqual([]);
    expect(checkMessageBody({ content: '' }, { creating: true, fileCount: 1 })).toEqual([]);
  });

  it('rejects unknown allowed_mentions parse values and parse combined with an id list', () => {
    expect(paths(checkMessageBody({ content: 'x', allowed_mentions: { parse: ['everybody'] } }, { creating: true }))).toEqual([
      'allowed_mentions.parse.0',
    ]);
    expect(paths(checkMessageBody({ content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, { creating: true }))).toEqual([
      'allowed_mentions',
    ]);
  });
});

describe('autocomplete choices', () => {
  it('allows 25 choices of 100 characters and refuses 26 or 101', () => {
    const choice = (n: number) => ({ name: 'n'.repeat(100), value: `v${n}` });
    expect(checkChoices({ choices: Array.from({ length: 25 }, (_, i) => choice(i)) })).toEqual([]);
    expect(paths(checkChoices({ choices: Array.from({ length: 26 }, (_, i) => choice(i)) }))).toEqual(['data.choices']);
    expect(
      paths(
        checkChoices({
          choices: [
            { name: 'n'.repeat(101), value: 'v'.repeat(101) },
            { name: '', value: 'x' },
          ],
        }),
      ),
    ).toEqual(['data.choices.0.name', 'data.choices.0.value', 'data.choices.1.name']);
  });
});

describe('command registration', () => {
  const option = (name: string, extra: object = {}) => ({ type: 3, name, description: `the ${name}`, ...extra });

  it('accepts a well-formed command with a subcommand', () => {
    expect(
      checkCommands([
        { name: 'digest', description: 'Daily post', options: [{ type: 1, name: 'set', description: 'Set', options: [option('time')] }] },
      ]),
    ).toEqual([]);
  });

  it('refuses bad names, missing descriptions, 26 options, required after optional and duplicates', () => {
    const tooMany = Array.from({ length: 26 }, (_, i) => option(`o${i}`));
    const errors = checkCommands([
      { name: 'Search', description: 'x' },
      { name: 'thread', description: '' },
      { name: 'many', description: 'x', options: tooMany },
      { name: 'order', description: 'x', options: [option('a'), option('b', { required: true })] },
      { name: 'thread', description: 'again' },
    ]);
    expect(paths(errors)).toEqual(['0.name', '1.description', '2.options', '3.options.1.required', '4.name']);
  });
});

describe('who a message pings', () => {
  const user = '123456789012345678';
  const role = '223456789012345678';
  const text = `@everyone look, <@${user}> and <@&${role}>`;

  it('pings nobody with parse: []', () => {
    expect(resolvePings(text, { parse: [] }, 'channel')).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('pings everything from a channel message that sets no allowed_mentions, and only users from an interaction reply', () => {
    expect(resolvePings(text, undefined, 'channel')).toEqual({ everyone: true, users: [user], roles: [role] });
    expect(resolvePings(text, undefined, 'interaction')).toEqual({ everyone: false, users: [user], roles: [] });
  });
});

describe('channel permissions', () => {
  const guild = {
    id: 'g',
    ownerId: 'owner',
    roles: new Map([
      ['g', { id: 'g', name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0 }],
      ['mods', { id: 'mods', name: 'mods', permissions: P.ManageGuild, position: 1 }],
      ['admins', { id: 'admins', name: 'admins', permissions: P.Administrator, position: 2 }],
    ]),
  };

  it('applies @everyone, then role, then member overwrites', () => {
    const overwrites = [
      { id: 'g', type: 0 as const, allow: 0n, deny: P.SendMessages },
      { id: 'mods', type: 0 as const, allow: P.SendMessages, deny: 0n },
      { id: 'bot', type: 1 as const, allow: 0n, deny: P.EmbedLinks },
    ];
    expect(channelPermissions(guild, { userId: 'x', roleIds: [] }, overwrites) & P.SendMessages).toBe(0n);
    expect(channelPermissions(guild, { userId: 'x', roleIds: ['mods'] }, overwrites) & P.SendMessages).toBe(P.SendMessages);
    const bot = channelPermissions(guild, { userId: 'bot', roleIds: [] }, overwrites);
    expect(missingPermissions(bot, P.SendMessages | P.EmbedLinks)).toEqual(['SendMessages', 'EmbedLinks']);
  });

  it('gives nothing without View Channel, and everything to administrators and the owner', () => {
    const hidden = [{ id: 'g', type: 0 as const, allow: 0n, deny: P.ViewChannel }];
    expect(channelPermissions(guild, { userId: 'x', roleIds: [] }, hidden)).toBe(0n);
    expect(channelPermissions(guild, { userId: 'x', roleIds: ['admins'] }, hidden)).toBe(ALL_PERMISSIONS);
    expect(channelPermissions(guild, { userId: 'owner', roleIds: [] }, hidden)).toBe(ALL_PERMISSIONS);
  });
});
