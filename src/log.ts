/**
 * One structured logger for the whole bot: JSON lines on stderr, so a person can read them and a machine can parse them.
 * Secrets are scrubbed here, at the single exit, so no caller has to remember to: the token never reaches a log.
 * `redact` is also the one scrubber for the few lines printed before a logger exists (start-up errors in main.ts).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Discord bot tokens are three base64url parts separated by dots; catch them even when we were not told the value. */
const TOKEN_SHAPE = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}/g;

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
  /** Exact strings to scrub (e.g. the configured token). */
  secrets?: string[];
  now?: () => Date;
}

/**
 * The password of `scheme://user:password@host` for any scheme (postgres, redis, mysql, amqp, ...). Greedy to the last
 * `@`, as people write passwords with an unencoded `@`, `:` or `/` (a port followed by a path holding `@` is
 * over-redacted, the safe side); a `\"` inside is a quote escaped in a JSON log line.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"]*):((?:[^\s"\\]|\\.)*)@/gi;
/** `?password=...` and its kin in a query string. */
const QUERY_SECRET = /([?&;](?:password|passwd|pwd|pass|secret|token|access_token|auth|api_key|apikey|key)=)[^&\s"#]+/gi;

/** Scrubs the exact `secrets` (8 characters or more: shorter ones are everyday words) and anything shaped like one. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out.replace(TOKEN_SHAPE, '[redacted]').replace(URL_PASSWORD, '$1:[redacted]@').replace(QUERY_SECRET, '$1[redacted]');
}

/** The password part of a URL the way a person means it: between the first `:` after `://` and the last `@`. */
function urlPassword(value: string): string | null {
  const rest = value.slice(value.indexOf('://') + 3);
  const at = rest.lastIndexOf('@');
  if (value.indexOf('://') < 0 || at < 0) return null;
  const colon = rest.indexOf(':');
  return colon >= 0 && colon < at ? rest.slice(colon + 1, at) : null;
}

/**
 * The secrets the environment holds, exactly as written: the bot token and the password of every `*_URL` variable
 * (DATABASE_URL and whatever other store or proxy URL is configured). Known before the configuration is checked, so
 * even an error about a malformed value can be scrubbed of them.
 */
export function secretsInEnvironment(env: Record<string, string | undefined>): string[] {
  const secrets: string[] = [];
  const token = env.DISCORD_TOKEN?.trim();
  if (token) secrets.push(token);
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_URL') || !value) continue;
    const password = urlPassword(value.trim());
    if (password) secrets.push(password, decodeURIComponentSafe(password));
  }
  return [...new Set(secrets)];
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function serialiseError(err: unknown): unknown {
  if (err instanceof Error) {
    const extra = err as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
    return { name: err.name, message: err.message, code: extra.code, status: extra.status, stack: err.stack };
  }
  return err;
}

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return;
    const record: LogFields = { time: now().toISOString(), level, msg: message, ...bound, ...fields };
    for (const [key, value] of Object.entries(record)) if (value instanceof Error || key === 'err') record[key] = serialiseError(value);
    write(redact(JSON.stringify(record), options.secrets));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** A logger that drops everything: for tests and for CLI runs where stderr is the user's. */
export const silentLogger: Logger = createLogger({ write: () => undefined });
