/**
 * Who a message would actually notify, computed the way Discord does from the content and `allowed_mentions`.
 * Embeds never ping; only `content` does. When `allowed_mentions` is absent, the default depends on where the
 * message goes: interaction replies and webhooks parse users only, ordinary channel messages parse everything.
 */
export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

export type MentionDefault = 'interaction' | 'channel';

const DEFAULT_PARSE: Record<MentionDefault, string[]> = {
  interaction: ['users'],
  channel: ['users', 'roles', 'everyone'],
};

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function resolvePings(content: unknown, allowedMentions: unknown, where: MentionDefault): Pings {
  const text = typeof content === 'string' ? content : '';
  const allowed =
    typeof allowedMentions === 'object' && allowedMentions !== null ? (allowedMentions as Record<string, unknown>) : undefined;
  const parse = allowed ? ids(allowed.parse) : DEFAULT_PARSE[where];
  const allowedUsers = new Set(allowed ? ids(allowed.users) : []);
  const allowedRoles = new Set(allowed ? ids(allowed.roles) : []);
  const mentionedUsers = [...text.matchAll(/<@!?(\d{15,21})>/g)].map((m) => m[1]);
  const mentionedRoles = [...text.matchAll(/<@&(\d{15,21})>/g)].map((m) => m[1]);
  return {
    everyone: parse.includes('everyone') && /@(everyone|here)\b/.test(text),
    users: [...new Set(mentionedUsers.filter((id) => parse.includes('users') || allowedUsers.has(id)))],
    roles: [...new Set(mentionedRoles.filter((id) => parse.includes('roles') || allowedRoles.has(id)))],
  };
}
