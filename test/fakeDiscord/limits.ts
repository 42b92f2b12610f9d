/**
 * Discord's documented limits, checked the way Discord checks them: every request body the fake receives goes through
 * here, and each broken rule becomes one `LimitError` with the JSON path Discord would name in its 50035 answer.
 * discord.js's builders catch some of these but not all (the 6,000-char embed total, six buttons in a row), which is
 * exactly why the fake must enforce them.
 */

import { scalarText } from './model';

export interface LimitError {
  /** Where in the body, e.g. `embeds.0.fields.3.value` ("" for the whole body). */
  path: string;
  /** Discord's per-field error code, e.g. `BASE_TYPE_MAX_LENGTH`. */
  code: string;
  message: string;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  choices: 25,
  choiceText: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandTotal: 8000,
  commands: 100,
} as const;

const COMPONENT = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
} as const;
const SELECT_TYPES = new Set<number>([
  COMPONENT.StringSelect,
  COMPONENT.UserSelect,
  COMPONENT.RoleSelect,
  COMPONENT.MentionableSelect,
  COMPONENT.ChannelSelect,
]);
const BUTTON_STYLE_LINK = 5;
const BUTTON_STYLE_PREMIUM = 6;
const FLAG_COMPONENTS_V2 = 1 << 15;
const ALLOWED_PARSE = new Set(['users', 'roles', 'everyone']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Discord counts UTF-16 code units, like JavaScript's `length`. */
const len = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

class Collector {
  readonly errors: LimitError[] = [];
  maxLength(path: string, value: unknown, max: number): void {
    if (len(value) > max) this.errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
  requiredText(path: string, value: unknown, min: number, max: number): void {
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      this.errors.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` });
    }
  }
  maxItems(path: string, value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max)
      this.errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
  add(path: string, code: string, message: string): void {
    this.errors.push({ path, code, message });
  }
}

/** The characters Discord counts toward an embed's 6,000 total. */
export function embedLength(embed: Json): number {
  let total = len(embed.title) + len(embed.description);
  if (isObject(embed.footer)) total += len(embed.footer.text);
  if (isObject(embed.author)) total += len(embed.author.name);
  if (Array.isArray(embed.fields)) for (const field of embed.fields) if (isObject(field)) total += len(field.name) + len(field.value);
  return total;
}

function checkEmbeds(c: Collector, embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) return c.add('embeds', 'BASE_TYPE_ARRAY', 'Must be an array.');
  c.maxItems('embeds', embeds, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds.${i}`;
    if (!isObject(embed)) return c.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    c.maxLength(`${at}.title`, embed.title, LIMITS.embedTitle);
    c.maxLength(`${at}.description`, embed.description, LIMITS.embedDescription);
    if (isObject(embed.footer)) c.maxLength(`${at}.footer.text`, embed.footer.text, LIMITS.footerText);
    if (isObject(embed.author)) c.maxLength(`${at}.author.name`, embed.author.name, LIMITS.authorName);
    if (Array.isArray(embed.fields)) {
      c.maxItems(`${at}.fields`, embed.fields, LIMITS.embedFields);
      embed.fields.forEach((field, j) => {
        if (!isObject(field)) return c.add(`${at}.fields.${j}`, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        c.requiredText(`${at}.fields.${j}.name`, field.name, 1, LIMITS.fieldName);
        c.requiredText(`${at}.fields.${j}.value`, field.value, 1, LIMITS.fieldValue);
      });
    }
    total += embedLength(embed);
  });
  if (total > LIMITS.embedTotal)
    c.add('embeds', 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal} (was ${total}).`);
}

function checkCustomId(c: Collector, path: string, value: unknown, seen: Set<string>): void {
  c.requiredText(path, value, 1, LIMITS.customId);
  if (typeof value === 'string') {
    if (seen.has(value)) c.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(value);
  }
}

function checkButton(c: Collector, at: string, button: Json, seen: Set<string>): void {
  const style = button.style;
  if (style === BUTTON_STYLE_LINK) {
    if (typeof button.url !== 'string') c.add(`${at}.url`, 'BASE_TYPE_REQUIRED', 'A link button needs a url.');
    if (button.custom_id !== undefined) c.add(`${at}.custom_id`, 'COMPONENT_INVALID_FIELD', 'A link button cannot have a custom_id.');
  } else if (style !== BUTTON_STYLE_PREMIUM) {
    checkCustomId(c, `${at}.custom_id`, button.custom_id, seen);
  }
  c.maxLength(`${at}.label`, button.label, LIMITS.buttonLabel);
  if (style !== BUTTON_STYLE_PREMIUM && button.label === undefined && button.emoji === undefined) {
    c.add(`${at}`, 'BUTTON_COMPONENT_MISSING_LABEL', 'A button needs a label or an emoji.');
  }
}

function checkSelect(c: Collector, at: string, select: Json, seen: Set<string>): void {
  checkCustomId(c, `${at}.custom_id`, select.custom_id, seen);
  c.maxLength(`${at}.placeholder`, select.placeholder, LIMITS.selectPlaceholder);
  if (select.type === COMPONENT.StringSelect) {
    const options = select.options;
    if (!Array.isArray(options) || options.length < 1 || options.length > LIMITS.selectOptions) {
      c.add(`${at}.options`, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.selectOptions} in length.`);
    }
    const values = new Set<string>();
    (Array.isArray(options) ? options : []).forEach((option, k) => {
      if (!isObject(option)) return;
      c.requiredText(`${at}.options.${k}.label`, option.label, 1, LIMITS.selectOptionText);
      c.requiredText(`${at}.options.${k}.value`, option.value, 1, LIMITS.selectOptionText);
      c.maxLength(`${at}.options.${k}.description`, option.description, LIMITS.selectOptionText);
      if (typeof option.value === 'string') {
        if (values.has(option.value))
          c.add(`${at}.options.${k}.value`, 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Select option values must be unique.');
        values.add(option.value);
      }
    });
  }
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (max > LIMITS.selectOptions)
    c.add(`${at}.max_values`, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${LIMITS.selectOptions}.`);
}

function checkComponents(c: Collector, components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) return c.add('components', 'BASE_TYPE_ARRAY', 'Must be an array.');
  // Components v2 messages have their own layout rules; the bot under test uses classic action rows.
  if (flags & FLAG_COMPONENTS_V2) return c.maxItems('components', components, 40);
  c.maxItems('components', components, LIMITS.actionRows);
  const seen = new Set<string>();
  components.forEach((row, i) => {
    const at = `components.${i}`;
    if (!isObject(row) || row.type !== COMPONENT.ActionRow)
      return c.add(`${at}.type`, 'COMPONENT_LAYOUT_INVALID', 'Top-level components must be action rows.');
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length === 0) return c.add(`${at}.components`, 'BASE_TYPE_BAD_LENGTH', 'An action row must hold at least one component.');
    const selects = children.filter((child) => isObject(child) && SELECT_TYPES.has(child.type as number));
    if (selects.length > 0 && children.length > 1) {
      c.add(`${at}.components`, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'A select menu must be alone in its action row.');
    } else if (children.length > LIMITS.buttonsPerRow) {
      c.add(`${at}.components`, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMITS.buttonsPerRow} in length.`);
    }
    children.forEach((child, j) => {
      if (!isObject(child)) return;
      const childAt = `${at}.components.${j}`;
      if (child.type === COMPONENT.Button) checkButton(c, childAt, child, seen);
      else if (SELECT_TYPES.has(child.type as number)) checkSelect(c, childAt, child, seen);
      else
        c.add(`${childAt}.type`, 'COMPONENT_TYPE_INVALID', `Component type ${String(child.type)} is not allowed in a message action row.`);
    });
  });
}

function checkAllowedMentions(c: Collector, allowed: unknown): void {
  if (allowed === undefined || allowed === null) return;
  if (!isObject(allowed)) return c.add('allowed_mentions', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const parse = allowed.parse;
  if (parse !== undefined) {
    if (!Array.isArray(parse)) return c.add('allowed_mentions.parse', 'BASE_TYPE_ARRAY', 'Must be an array.');
    parse.forEach((value, i) => {
      if (!ALLOWED_PARSE.has(value as string))
        c.add(`allowed_mentions.parse.${i}`, 'BASE_TYPE_CHOICES', `Value must be one of ${[...ALLOWED_PARSE].join(', ')}.`);
    });
    if (parse.includes('users') && Array.isArray(allowed.users) && allowed.users.length > 0) {
      c.add('allowed_mentions', 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids] are mutually exclusive.');
    }
    if (parse.includes('roles') && Array.isArray(allowed.roles) && allowed.roles.length > 0) {
      c.add('allowed_mentions', 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids] are mutually exclusive.');
    }
  }
}

export interface MessageCheckOptions {
  /** A new message must have something in it; an edit may change only some fields. */
  creating: boolean;
  /** Uploaded files count as content. */
  fileCount?: number;
}

/** Every rule a message body (create or edit) must satisfy. */
export function checkMessageBody(body: unknown, options: MessageCheckOptions): LimitError[] {
  const c = new Collector();
  if (!isObject(body)) {
    c.add('', 'MODEL_TYPE_CONVERT', 'The message body must be a JSON object.');
    return c.errors;
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if (body.content !== undefined && body.content !== null && typeof body.content !== 'string')
    c.add('content', 'BASE_TYPE_STRING', 'Must be a string.');
  c.maxLength('content', body.content, LIMITS.content);
  checkEmbeds(c, body.embeds);
  checkComponents(c, body.components, flags);
  checkAllowedMentions(c, body.allowed_mentions);
  if (options.creating) {
    const empty =
      len(body.content) === 0 &&
      !(Array.isArray(body.embeds) && body.embeds.length > 0) &&
      !(Array.isArray(body.components) && body.components.length > 0) &&
      !(options.fileCount && options.fileCount > 0) &&
      !(Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) &&
      body.poll === undefined;
    if (empty) c.add('', 'EMPTY_MESSAGE', 'Cannot send an empty message');
  }
  return c.errors;
}

/** Autocomplete answers: at most 25 choices, each name 1–100 chars and a string value of at most 100. */
export function checkChoices(data: unknown): LimitError[] {
  const c = new Collector();
  const choices = isObject(data) ? data.choices : undefined;
  if (!Array.isArray(choices)) {
    c.add('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
    return c.errors;
  }
  c.maxItems('data.choices', choices, LIMITS.choices);
  choices.forEach((choice, i) => {
    if (!isObject(choice)) return c.add(`data.choices.${i}`, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    c.requiredText(`data.choices.${i}.name`, choice.name, 1, LIMITS.choiceText);
    if (typeof choice.value === 'string') c.maxLength(`data.choices.${i}.value`, choice.value, LIMITS.choiceText);
    else if (typeof choice.value !== 'number')
      c.add(`data.choices.${i}.value`, 'BASE_TYPE_REQUIRED', 'A choice needs a string or number value.');
  });
  return c.errors;
}

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const OPTION_SUBCOMMAND = 1;
const OPTION_GROUP = 2;

function commandTextLength(command: Json): number {
  let total = len(command.name) + len(command.description);
  const options = Array.isArray(command.options) ? command.options : [];
  for (const option of options) {
    if (!isObject(option)) continue;
    total += commandTextLength(option);
    if (Array.isArray(option.choices))
      for (const choice of option.choices) if (isObject(choice)) total += len(choice.name) + len(scalarText(choice.value ?? ''));
  }
  return total;
}

function checkOptions(c: Collector, at: string, options: unknown, depth: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) return c.add(at, 'BASE_TYPE_ARRAY', 'Must be an array.');
  c.maxItems(at, options, LIMITS.commandOptions);
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option, i) => {
    const optionAt = `${at}.${i}`;
    if (!isObject(option)) return c.add(optionAt, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    const name = option.name;
    if (typeof name !== 'string' || !NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
      c.add(`${optionAt}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (names.has(name)) {
      c.add(`${optionAt}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    }
    if (typeof name === 'string') names.add(name);
    c.requiredText(`${optionAt}.description`, option.description, 1, LIMITS.commandDescription);
    const nested = option.type === OPTION_SUBCOMMAND || option.type === OPTION_GROUP;
    if (nested) {
      if (depth >= 2 || (option.type === OPTION_GROUP && depth >= 1))
        c.add(`${optionAt}.type`, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command nesting is too deep.');
      checkOptions(c, `${optionAt}.options`, option.options, depth + 1);
      return;
    }
    if (option.required === true && sawOptional)
      c.add(
        `${optionAt}.required`,
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices)) {
      c.maxItems(`${optionAt}.choices`, option.choices, LIMITS.choices);
      if (option.autocomplete === true && option.choices.length > 0)
        c.add(`${optionAt}.autocomplete`, 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be used with choices.');
      option.choices.forEach((choice, k) => {
        if (isObject(choice)) {
          c.requiredText(`${optionAt}.choices.${k}.name`, choice.name, 1, LIMITS.choiceText);
          if (typeof choice.value === 'string') c.maxLength(`${optionAt}.choices.${k}.value`, choice.value, LIMITS.choiceText);
        }
      });
    }
  });
}

/** A bulk overwrite (`PUT .../commands`): names, descriptions, option counts and nesting, 8,000 chars a command. */
export function checkCommands(body: unknown): LimitError[] {
  const c = new Collector();
  if (!Array.isArray(body)) {
    c.add('', 'BASE_TYPE_ARRAY', 'Must be an array.');
    return c.errors;
  }
  c.maxItems('', body, LIMITS.commands);
  const seen = new Set<string>();
  body.forEach((command, i) => {
    if (!isObject(command)) return c.add(`${i}`, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    const type = command.type ?? 1;
    const name = command.name;
    const chatInput = type === 1;
    if (
      typeof name !== 'string' ||
      (chatInput && (!NAME_PATTERN.test(name) || name !== name.toLowerCase())) ||
      len(name) > LIMITS.commandName ||
      len(name) < 1
    ) {
      c.add(`${i}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const key = `${scalarText(type)}:${scalarText(name)}`;
    if (seen.has(key))
      c.add(`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique (${String(name)})`);
    seen.add(key);
    if (chatInput) c.requiredText(`${i}.description`, command.description, 1, LIMITS.commandDescription);
    checkOptions(c, `${i}.options`, command.options, 0);
    const total = commandTextLength(command);
    if (total > LIMITS.commandTotal)
      c.add(`${i}`, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${LIMITS.commandTotal})`);
  });
  return c.errors;
}

/** Discord's 50035 error body: `errors` nests by path and ends in `_errors` lists. */
export function invalidFormBody(errors: LimitError[], prefix = ''): { code: number; message: string; errors: Json } {
  const root: Json = {};
  for (const error of errors) {
    const parts = [prefix, error.path].filter(Boolean).join('.').split('.').filter(Boolean);
    let node = root;
    for (const part of parts) {
      if (!isObject(node[part])) node[part] = {};
      node = node[part] as Json;
    }
    const list = (node._errors as unknown[] | undefined) ?? [];
    list.push({ code: error.code, message: error.message });
    node._errors = list;
  }
  return { code: 50035, message: 'Invalid Form Body', errors: root };
}
