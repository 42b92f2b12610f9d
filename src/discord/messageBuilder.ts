/**
 * The limit-aware message builder: the ONE place Discord's size limits are enforced. Commands describe a reply as
 * plain API JSON (embeds, rows of buttons or a select) and `finishReply` makes it fit: every text field is cut at a
 * sentence or word with an ellipsis, the 6,000-character total across embeds is kept, rows are split at 5 buttons.
 * A custom_id over 100 characters is a programming error (state must go through `customId.ts`), so it throws.
 *
 * Replies stay plain JSON (not discord.js builders) so the console mode can render exactly what Discord would get.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APISelectMenuOption,
  type APIStringSelectComponent,
} from 'discord.js';
import { truncateText } from '../text';
import { LIMITS } from './limits';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A file uploaded with the message (a chart); an embed shows it with `image: { url: attachmentUrl(name) }`. */
export interface ReplyFile {
  /** File name, letters, digits, `.`, `_` and `-` only: Discord refers to it as `attachment://<name>`. */
  name: string;
  data: Buffer;
  /** Alt text, read by screen readers (at most 1,024 characters). */
  description?: string;
  /** The same content as text, for the console mode (which cannot show an image). */
  text?: string;
}

/** A reply as commands produce it; `respond.ts` turns it into a discord.js payload, the console into text. */
export interface ReplySpec {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  /** Uploaded in the same message as the embeds that show them. */
  files?: ReplyFile[];
  /** Only the person who used the command sees it. Fixed by the first response (or the deferral). */
  ephemeral?: boolean;
}

/** Discord refuses an empty field name or value; a zero-width space is its conventional "blank". */
const BLANK = '\u200b';

function fit(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  return truncateText(text, max);
}

function fitRequired(text: string, max: number): string {
  const cut = truncateText(text.trim() === '' ? BLANK : text, max);
  return cut === '' ? BLANK : cut;
}

/** Characters Discord counts towards the 6,000 total of one embed. */
export function embedLength(embed: APIEmbed): number {
  let total =
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Per-field limits and the 25-field cap. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = fit(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = fitRequired(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: fitRequired(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: fitRequired(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f: APIEmbedField) => ({
      ...f,
      name: fitRequired(f.name, LIMITS.fieldName),
      value: fitRequired(f.value, LIMITS.fieldValue),
    }));
  }
  return out;
}

/** Below this a shortened field says nothing useful: drop it rather than show "Th…". */
const MIN_USEFUL_FIELD = 40;

/**
 * Keeps all embeds of one message within 6,000 characters: shortens the last fields first (the least relevant hits
 * on a results page), drops fields too short to be useful, then shortens descriptions.
 */
export function fitEmbedsTotal(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embedsPerMessage).map((e) => ({ ...e, fields: e.fields ? [...e.fields] : undefined }));
  const total = () => out.reduce((sum, e) => sum + embedLength(e), 0);
  for (let e = out.length - 1; e >= 0 && total() > LIMITS.embedTotal; e--) {
    const fields = out[e].fields;
    while (fields && fields.length > 0 && total() > LIMITS.embedTotal) {
      const last = fields[fields.length - 1];
      const want = last.value.length - (total() - LIMITS.embedTotal);
      if (want >= MIN_USEFUL_FIELD) fields[fields.length - 1] = { ...last, value: truncateText(last.value, want) };
      else fields.pop();
    }
    const excess = total() - LIMITS.embedTotal;
    if (excess > 0 && out[e].description)
      out[e].description = fitRequired(out[e].description!, Math.max(1, out[e].description!.length - excess));
    if (excess > 0 && out[e].footer) out[e].footer = undefined;
  }
  for (const e of out) if (e.fields && e.fields.length === 0) delete e.fields;
  return out;
}

function fitButton(button: APIButtonComponent): APIButtonComponent {
  if ('custom_id' in button) assertCustomId(button.custom_id);
  return 'label' in button && button.label !== undefined ? { ...button, label: fit(button.label, LIMITS.buttonLabel) } : button;
}

function fitSelect(select: APIStringSelectComponent): APIStringSelectComponent {
  assertCustomId(select.custom_id);
  const options = select.options.slice(0, LIMITS.selectOptions).map((o: APISelectMenuOption) => {
    if (o.value.length > LIMITS.selectOptionValue)
      throw new Error(`select option value over ${LIMITS.selectOptionValue} characters: ${o.value}`);
    return { ...o, label: fitRequired(o.label, LIMITS.selectOptionLabel), description: fit(o.description, LIMITS.selectOptionDescription) };
  });
  return {
    ...select,
    options,
    placeholder: fit(select.placeholder, LIMITS.selectPlaceholder),
    max_values: Math.min(select.max_values ?? 1, options.length),
  };
}

export function assertCustomId(customId: string): void {
  if (customId.length === 0 || customId.length > LIMITS.customId) {
    throw new Error(`custom_id must be 1-${LIMITS.customId} characters, got ${customId.length}: ${customId.slice(0, 120)}`);
  }
}

/** Rows of at most 5 buttons (longer rows are split), a select alone in its row, at most 5 rows, unique custom_ids. */
export function fitComponents(rows: ActionRow[]): ActionRow[] {
  const out: ActionRow[] = [];
  for (const row of rows) {
    const buttons = row.components.filter((c): c is APIButtonComponent => c.type === ComponentType.Button).map(fitButton);
    const selects = row.components.filter((c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect).map(fitSelect);
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
      out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
    }
    for (const select of selects) if (select.options.length > 0) out.push({ type: ComponentType.ActionRow, components: [select] });
  }
  const kept = out.slice(0, LIMITS.actionRows);
  // Discord refuses a message with two components sharing a custom_id (COMPONENT_CUSTOM_ID_DUPLICATED).
  const seen = new Set<string>();
  for (const r of kept) {
    for (const c of r.components) {
      if (!('custom_id' in c) || c.custom_id === undefined) continue;
      if (seen.has(c.custom_id)) throw new Error(`duplicate custom_id in one message: ${c.custom_id}`);
      seen.add(c.custom_id);
    }
  }
  return kept;
}

/** How an embed refers to a file uploaded with its message. */
export function attachmentUrl(name: string): string {
  return `attachment://${name}`;
}

/**
 * Files: names an `attachment://` URL can carry, alt text cut to its limit, at most 10 files, and every embed image
 * that points at an attachment pointing at one that is uploaded. Breaking the count, size or reference rules is a
 * programming error (the command decides what to attach), so it throws.
 */
export function fitFiles(files: ReplyFile[], embeds: APIEmbed[] = []): ReplyFile[] {
  if (files.length > LIMITS.attachments)
    throw new Error(`${files.length} files in one message: Discord takes at most ${LIMITS.attachments}`);
  const names = new Set<string>();
  let bytes = 0;
  const out = files.map((f) => {
    if (!/^[\w.-]{1,100}$/.test(f.name)) throw new Error(`attachment name must be letters, digits, ".", "_" or "-": ${f.name}`);
    if (names.has(f.name)) throw new Error(`two attachments named ${f.name} in one message`);
    names.add(f.name);
    bytes += f.data.length;
    return f.description === undefined ? f : { ...f, description: fitRequired(f.description, LIMITS.attachmentDescription) };
  });
  if (bytes > LIMITS.attachmentBytes)
    throw new Error(`attachments of ${bytes} bytes: Discord takes at most ${LIMITS.attachmentBytes} in one message`);
  for (const embed of embeds) {
    for (const url of [embed.image?.url, embed.thumbnail?.url]) {
      if (url?.startsWith('attachment://') && !names.has(url.slice('attachment://'.length)))
        throw new Error(`embed shows ${url} but no such file is attached`);
    }
  }
  return out;
}

/** Makes a reply fit every Discord limit. Idempotent. */
export function finishReply(spec: ReplySpec): ReplySpec {
  const out: ReplySpec = { ...spec };
  if (spec.content !== undefined) out.content = truncateText(spec.content, LIMITS.content);
  if (spec.embeds) out.embeds = fitEmbedsTotal(spec.embeds.map(fitEmbed));
  if (spec.components) out.components = fitComponents(spec.components);
  if (spec.files || spec.embeds) out.files = fitFiles(spec.files ?? [], out.embeds);
  if (out.files?.length === 0) delete out.files;
  return out;
}

// Small constructors, so commands read as what they show rather than as API JSON.

export function button(
  customId: string,
  label: string,
  options: { style?: ButtonStyle; disabled?: boolean; emoji?: string } = {},
): APIButtonComponent {
  assertCustomId(customId);
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label,
    style: (options.style ?? ButtonStyle.Secondary) as ButtonStyle.Secondary,
    disabled: options.disabled ?? false,
    ...(options.emoji ? { emoji: { name: options.emoji } } : {}),
  };
}

export function linkButton(url: string, label: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Link, url, label };
}

export function selectMenu(customId: string, placeholder: string, options: APISelectMenuOption[]): APIStringSelectComponent {
  assertCustomId(customId);
  return { type: ComponentType.StringSelect, custom_id: customId, placeholder, options, min_values: 1, max_values: 1 };
}

export function row(...components: APIComponentInMessageActionRow[]): ActionRow {
  return { type: ComponentType.ActionRow, components };
}

/** Brand colour of the bot's embeds (a muted blue, readable in light and dark themes). */
export const EMBED_COLOUR = 0x3b6ea5;
