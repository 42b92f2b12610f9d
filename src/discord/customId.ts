/**
 * Button and select state lives in the component's custom_id, so a click still works after the bot restarts.
 *
 * Format (stable: messages already posted carry these ids, keep them compatible):
 *   `<command>:<action>[.<version>]:<arg>:<arg>...`   at most 100 characters
 * Each kind of id has ONE codec (`defineCodec`), which writes and reads it with its version: version 1 writes no
 * `.<version>` (it is the format every message posted so far carries, daily posts included), a later version of a
 * codec writes `.2`, `.3`…, and an id of any other version than the codec's, or one that does not read (forged,
 * truncated), is refused with InvalidCustomIdError: a clear ephemeral message, never a stack trace.
 * The command name routes the click to `commands/<command>`'s component handler for the action. Args are escaped (`%`, `:` and
 * `~` become `%XX`, so an inline value can never be mistaken for a `~key`). When the state does not fit (a long query), `packState` stores it in the Keyv store for
 * STATE_TTL_MS under a short random key and the id carries `~<key>` instead; after that the click gets a friendly
 * "expired" message (ExpiredStateError) rather than an error.
 */
import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { LIMITS } from './limits';
import { UserError } from './errors';

/** How long state too big for a custom_id is kept: a day of paging, then the buttons expire. */
export const STATE_TTL_MS = 24 * 60 * 60 * 1000;

export class ExpiredStateError extends UserError {
  override name = 'ExpiredStateError';
  constructor(commandHint: string) {
    super(`These buttons have expired. Run ${commandHint} again to get fresh ones.`);
  }
}

/** An id that is not (or no longer) one the bot makes: an old version's, or forged. */
export class InvalidCustomIdError extends UserError {
  override name = 'InvalidCustomIdError';
  constructor(readonly customId: string) {
    super("This button isn't valid any more (it may come from an older version of the bot). Run the command again to get fresh ones.");
  }
}

export function escapeArg(value: string): string {
  return value.replace(/[%:~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

export function unescapeArg(value: string): string {
  return value.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface ParsedCustomId {
  command: string;
  action: string;
  args: string[];
  /** The args as they appear in the id (still escaped): `unpackState` needs them to tell a `~key` from a value. */
  rawArgs: string[];
}

/** Joins and escapes; throws when over 100 characters (state that may be long must go through `packState`). */
export function buildCustomId(command: string, action: string, ...args: (string | number)[]): string {
  return joinCustomId(
    command,
    action,
    args.map((a) => escapeArg(String(a))),
  );
}

function joinCustomId(command: string, action: string, rawArgs: string[]): string {
  const id = [command, action, ...rawArgs].join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom_id over ${LIMITS.customId} characters: ${id.slice(0, 120)}`);
  return id;
}

export function parseCustomId(customId: string): ParsedCustomId {
  const [command = '', action = '', ...rawArgs] = customId.split(':');
  return { command, action, args: rawArgs.map(unescapeArg), rawArgs };
}

/** State packed for a custom_id: already-escaped args, inline or one `~key` reference. */
export interface PackedState {
  rawArgs: string[];
}

/**
 * Packs fields (null allowed) into custom_id args: inline when `<command>:<action>:<fixed args>:<fields>` fits in 100
 * characters, else one `~key` arg referring to a record in `store` that expires after `ttlMs`.
 */
export async function packState(store: Keyv, fields: (string | null)[], budget: number, ttlMs = STATE_TTL_MS): Promise<PackedState> {
  // Null is the empty string: fields are trimmed user input or ids, never meaningfully empty.
  const inline = fields.map((f) => escapeArg(f ?? ''));
  if (inline.join(':').length <= budget) return { rawArgs: inline };
  const key = randomBytes(9).toString('base64url');
  await store.set(`state:${key}`, fields, ttlMs);
  return { rawArgs: [`~${key}`] };
}

/** `<command>:<action>:<fixed args...>:<packed state>`, checked against the 100-character limit. */
export function buildStatefulCustomId(command: string, action: string, fixed: (string | number)[], state: PackedState): string {
  return joinCustomId(command, action, [...fixed.map((a) => escapeArg(String(a))), ...state.rawArgs]);
}

/** Characters left for packed state after `<command>:<action>:<fixed args>:`. */
export function stateBudget(command: string, action: string, fixed: (string | number)[]): number {
  return LIMITS.customId - [command, action, ...fixed.map((a) => escapeArg(String(a)))].join(':').length - 1;
}

/** Reverses `packState` given the raw args after the fixed ones; throws ExpiredStateError when the record is gone. */
export async function unpackState(store: Keyv, rawArgs: string[], commandHint: string): Promise<(string | null)[]> {
  if (rawArgs.length === 1 && rawArgs[0].startsWith('~')) {
    const fields = (await store.get(`state:${rawArgs[0].slice(1)}`)) as (string | null)[] | undefined;
    if (!Array.isArray(fields)) throw new ExpiredStateError(commandHint);
    return fields;
  }
  return rawArgs.map((f) => {
    const value = unescapeArg(f);
    return value === '' ? null : value;
  });
}

/**
 * The fields of one kind of packed state, written and read in one place: positions stay inside the shape (inline
 * state is positional so that it fits in 100 characters), callers see a typed value.
 */
export interface StateShape<T> {
  write(value: T): (string | null)[];
  read(fields: (string | null)[]): T;
}

export function packShape<T>(store: Keyv, shape: StateShape<T>, value: T, budget: number): Promise<PackedState> {
  return packState(store, shape.write(value), budget);
}

export async function unpackShape<T>(store: Keyv, shape: StateShape<T>, packed: PackedState, commandHint: string): Promise<T> {
  return shape.read(await unpackState(store, packed.rawArgs, commandHint));
}

/** `page` → { action: 'page', version: 1 }; `page.2` → version 2. */
export function splitAction(token: string): { action: string; version: number } {
  const match = /^([^.]*)(?:\.(\d{1,3}))?$/.exec(token);
  if (!match) return { action: token, version: NaN };
  return { action: match[1], version: match[2] === undefined ? 1 : Number(match[2]) };
}

function actionToken(action: string, version: number): string {
  return version === 1 ? action : `${action}.${version}`;
}

/** One kind of custom_id: written and read in one place, with its version. */
export interface CustomIdCodec<T> {
  readonly command: string;
  readonly action: string;
  readonly version: number;
  /** The id (checked against the 100-character limit). */
  encode(value: T): string;
  /** The value; throws InvalidCustomIdError for an id of another codec or version, or one whose args do not read. */
  decode(customId: string): T;
}

export interface CodecSpec<T> {
  command: string;
  action: string;
  /** Default 1. Raise it when the args change meaning; ids of the previous version are then refused cleanly. */
  version?: number;
  /** The fixed args, and packed state (already escaped, see packState) to put after them. */
  write(value: T): { args: (string | number)[]; state?: PackedState };
  /** The value from the args (unescaped) and the same args as written (escaped); null when they do not make one. */
  read(args: string[], rawArgs: string[]): T | null;
}

export function defineCodec<T>(spec: CodecSpec<T>): CustomIdCodec<T> {
  const { command, action } = spec;
  const version = spec.version ?? 1;
  return {
    command,
    action,
    version,
    encode(value) {
      const { args, state } = spec.write(value);
      return buildStatefulCustomId(command, actionToken(action, version), args, state ?? { rawArgs: [] });
    },
    decode(customId) {
      const parsed = parseCustomId(customId);
      const token = splitAction(parsed.action);
      if (parsed.command !== command || token.action !== action || token.version !== version) throw new InvalidCustomIdError(customId);
      let value: T | null;
      try {
        value = spec.read(parsed.args, parsed.rawArgs);
      } catch {
        value = null;
      }
      if (value === null) throw new InvalidCustomIdError(customId);
      return value;
    },
  };
}

/** Readers for codecs: each returns null for an arg that is missing or malformed. */
export const readArg = {
  /** A non-negative whole number (a page, a part). */
  count(arg: string | undefined): number | null {
    return arg !== undefined && /^\d{1,9}$/.test(arg) ? Number(arg) : null;
  },
  /** A page or part, which may be -1 (a disabled "Previous" on the first one carries it): read as 0. */
  page(arg: string | undefined): number | null {
    return arg !== undefined && /^-?\d{1,9}$/.test(arg) ? Math.max(0, Number(arg)) : null;
  },
  /** A Discord user id (a snowflake), or `0` for "nobody" (the daily post's views). */
  user(arg: string | undefined): string | null {
    return arg !== undefined && /^\d{1,20}$/.test(arg) ? arg : null;
  },
  /** A non-empty id or word. */
  text(arg: string | undefined): string | null {
    return arg ? arg : null;
  },
};
