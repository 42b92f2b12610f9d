/**
 * `npm run console`: try the bot without Discord. A person types what they would type in Discord (`/search pay
 * offer`, `/thread mustard`, `/random`, `/help`) and presses buttons by name (`next`, `prev`, `open 2`, `more 1`,
 * `press Another`); the replies come from the SAME command modules, router and limit-aware renderer as the bot's,
 * through a console interaction adapter, and are drawn for a terminal. No token, no network; the store is in memory.
 * Works with piped stdin too (one command a line), which is how its tests drive it.
 */
import readline from 'node:readline';
import Keyv from 'keyv';
import { ComponentType, type APIStringSelectComponent } from 'discord.js';
import { ConfigError, loadConfig } from '../../config';
import { createLogger } from '../../log';
import type { CommandCall, ComponentCall, OptionReader } from '../../discord/commandTypes';
import { createBotContext, type BotContext } from '../../discord/context';
import { Cooldowns } from '../../discord/cooldowns';
import type { ReplySpec } from '../../discord/messageBuilder';
import { loadCommands, runCommand, runComponent, type CommandRegistry } from '../../discord/router';
import { renderForTerminal } from '../terminalRender';
import { parseCustomId, splitAction } from '../../discord/customId';
import type { CliCommand } from '../types';

/** The console user: one person, so every "only the searcher" rule treats them as the owner. */
const CONSOLE_USER = { id: '100000000000000001', name: 'you' };

/** A comment of the real archive runs to a few parts; this only stops a runaway loop. */
const MAX_PARTS_PRINTED = 100;

/** Which string option the text after `/name ` fills, per command. */
const MAIN_OPTION: Record<string, string> = { search: 'query', thread: 'post', trend: 'query', author: 'name' };

/** Options typed as `name:value` after the main text (`/trend pay offer by:month`), per command. */
const TEXT_OPTIONS: Record<string, string[]> = { trend: ['by'] };

/** Takes `name:value` tokens of the command's text options out of what was typed. */
function takeTextOptions(command: string, text: string, values: Record<string, string | boolean>): string {
  let rest = text;
  for (const option of TEXT_OPTIONS[command] ?? []) {
    rest = rest.replace(new RegExp(`(^|\\s)${option}:(\\S+)`, 'i'), (_, space: string, value: string) => {
      values[option] = value;
      return space;
    });
  }
  return rest.trim();
}

/** What to say when a command that needs its main option is typed without it. */
const MAIN_OPTION_EXAMPLE: Record<string, string> = {
  search: 'something to search for, e.g. /search pay offer',
  thread: 'a post title, date or id, e.g. /thread mustard',
  trend: 'words to chart, e.g. /trend pay offer, strike',
  author: 'a signature, e.g. /author Getafix',
};

export const CONSOLE_HELP = [
  'Type what you would type in Discord:',
  '  /search pay offer        /search "pay offer" author:Getafix after:2022-01-01',
  '  /thread mustard          /thread 25 October 2022          /random          /help',
  '  /trend pay offer, strike by:month          /author Getafix   (charts print as text)',
  'Then press buttons on the last reply:',
  '  next, prev               page through results or comments',
  '  open <n>                 open hit n: a comment in full, a post its thread (or pick item n of a list)',
  '  more <n>                 more like hit n',
  '  press <label>            any other button, e.g. press Another',
  '  quit                     leave',
].join('\n');

let sequence = 0;
/** Interaction-like ids: unique and snowflake-shaped, so error references look like the bot's. */
function nextId(): string {
  sequence += 1;
  return (BigInt(Date.now() - 1420070400000) * 4194304n + BigInt(sequence)).toString();
}

function optionReader(values: Record<string, string | boolean>): OptionReader {
  return {
    getString: (name) => (typeof values[name] === 'string' ? values[name] : null),
    getBoolean: (name) => (typeof values[name] === 'boolean' ? values[name] : null),
  };
}

export interface ConsoleSession {
  /** Handles one typed line; returns the text to print, or null to quit. */
  handle(line: string): Promise<string | null>;
}

export function createConsoleSession(
  ctx: BotContext,
  commands: CommandRegistry,
  options: { ansi: boolean; width?: number },
): ConsoleSession {
  /** The last message with buttons or a select: what `next`, `open 2` act on. */
  let current: ReplySpec | null = null;
  const render = (reply: ReplySpec) => {
    if (reply.components?.length) current = reply;
    return renderForTerminal(reply, { ansi: options.ansi, width: options.width, now: ctx.now });
  };

  async function slash(name: string, rest: string): Promise<string> {
    if (!commands.has(name)) return `Unknown command /${name}. Commands: ${[...commands.keys()].map((c) => `/${c}`).join(' ')}`;
    const values: Record<string, string | boolean> = {};
    rest = takeTextOptions(name, rest, values);
    if (rest && MAIN_OPTION[name]) values[MAIN_OPTION[name]] = rest;
    if (!rest && MAIN_OPTION[name]) return `/${name} needs ${MAIN_OPTION_EXAMPLE[name]}.`;
    const call: CommandCall = {
      id: nextId(),
      commandName: name,
      user: CONSOLE_USER,
      options: optionReader(values),
      defer: async () => undefined,
    };
    const { reply } = await runCommand(commands, call, ctx);
    return render(reply);
  }

  async function click(customId: string, values: string[]): Promise<string> {
    const call: ComponentCall = { id: nextId(), customId, values, user: CONSOLE_USER, deferUpdate: async () => undefined };
    const { result } = await runComponent(commands, call, ctx);
    const shown = [render('update' in result ? result.update : result.reply)];
    // A terminal has no message limits: a comment Discord shows in parts is printed whole, one part after another.
    for (
      let next = findButton((l) => l === 'next part');
      next && !next.disabled && shown.length < MAX_PARTS_PRINTED;
      next = findButton((l) => l === 'next part')
    ) {
      const { result: more } = await runComponent(commands, { ...call, id: nextId(), customId: next.customId, values: [] }, ctx);
      shown.push(render('update' in more ? more.update : more.reply));
    }
    return shown.join('\n');
  }

  function findButton(match: (label: string) => boolean): { customId: string; disabled: boolean } | null {
    for (const row of current?.components ?? []) {
      for (const c of row.components) {
        if (c.type === ComponentType.Button && 'custom_id' in c && match((c.label ?? '').toLowerCase()))
          return { customId: c.custom_id, disabled: c.disabled === true };
      }
    }
    return null;
  }

  function selects(): APIStringSelectComponent[] {
    return (current?.components ?? []).flatMap((row) =>
      row.components.filter((c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect),
    );
  }

  async function press(label: string): Promise<string> {
    const wanted = label.toLowerCase();
    const found = findButton((l) => l === wanted) ?? findButton((l) => l.startsWith(wanted));
    if (!found)
      return current ? `No "${label}" button on the last reply.` : 'Nothing to press yet: start with /search, /thread or /random.';
    if (found.disabled) return `"${label}" is not available here (first or last page).`;
    return click(found.customId, []);
  }

  async function choose(kind: 'open' | 'more', n: number): Promise<string> {
    const menus = selects();
    const action = (m: APIStringSelectComponent) => splitAction(parseCustomId(m.custom_id).action).action;
    const menu =
      kind === 'more'
        ? menus.find((m) => action(m) === 'similar')
        : (menus.find((m) => action(m) === 'read' || action(m) === 'open') ?? menus[0]);
    if (!menu) return kind === 'more' ? 'The last reply has no "more like this" list.' : 'The last reply has nothing to open.';
    const option = menu.options[n - 1];
    if (!option) return `Pick a number from 1 to ${menu.options.length}.`;
    return click(menu.custom_id, [option.value]);
  }

  return {
    async handle(line) {
      const text = line.trim();
      if (!text) return '';
      const lower = text.toLowerCase();
      if (['quit', 'exit', '/quit', '/exit'].includes(lower)) return null;
      if (lower === 'help' || lower === '?') return CONSOLE_HELP;
      const slashMatch = /^\/(\S+)\s*(.*)$/s.exec(text);
      if (slashMatch) return slash(slashMatch[1].toLowerCase(), slashMatch[2].trim());
      if (lower === 'next' || lower === 'n') return press('next');
      if (['prev', 'previous', 'p', 'back'].includes(lower)) return press('previous');
      const pick = /^(open|more)\s+(\d+)$/.exec(lower);
      if (pick) return choose(pick[1] as 'open' | 'more', Number(pick[2]));
      const pressMatch = /^press\s+(.+)$/i.exec(text);
      if (pressMatch) return press(pressMatch[1].trim());
      return `I don't know "${text}". ${CONSOLE_HELP}`;
    },
  };
}

export const command: CliCommand = {
  name: 'console',
  summary: 'Try the bot in the terminal, without Discord: type /search, /thread, /random, /help, then next, prev, open 2',
  usage: 'console [--archive <dir>]',
  async run(cli) {
    let config;
    try {
      // The bot's configuration (ARCHIVE_DIR from .env or the environment), unless --archive says otherwise.
      const fromEnv = loadConfig(process.env);
      config = { ...fromEnv, archiveDir: typeof cli.options.archive === 'string' ? cli.archiveDir : fromEnv.archiveDir };
    } catch (err) {
      if (err instanceof ConfigError) {
        cli.err(`Configuration error: ${err.message}`);
        return 1;
      }
      throw err;
    }
    const interactive = process.stdin.isTTY === true;
    const ansi = process.stdout.isTTY === true;
    // Warnings (e.g. archive problems) go to stderr; the conversation is stdout.
    const logger = createLogger({ level: 'warn' });
    cli.err(`Loading the archive from ${config.archiveDir}…`);
    const { context, info } = await createBotContext({ config, store: new Keyv(), logger });
    context.cooldowns = new Cooldowns(context.now, false);
    const commands = loadCommands(undefined, logger);
    cli.err(`Loaded ${info.posts} posts and ${info.comments} comments (search index ${info.indexBuilt ? 'built' : 'loaded from cache'}).`);
    if (interactive) cli.out(`${CONSOLE_HELP}\n`);
    const session = createConsoleSession(context, commands, { ansi, width: Math.min(100, process.stdout.columns ?? 78) });
    const rl = readline.createInterface({
      input: process.stdin,
      output: interactive ? process.stdout : undefined,
      terminal: interactive,
      prompt: 'archive> ',
    });
    if (interactive) rl.prompt();
    // Lines are handled one at a time, in order, even when piped in faster than they are answered.
    for await (const line of rl) {
      if (!interactive && line.trim()) cli.out(`> ${line.trim()}`);
      const output = await session.handle(line);
      if (output === null) break;
      if (output) cli.out(output);
      if (interactive) rl.prompt();
    }
    rl.close();
    return 0;
  },
};
