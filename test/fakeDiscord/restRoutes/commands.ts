/** REST routes for application commands, global and guild: list, bulk overwrite, upsert, get, delete. */
import { checkCommands } from '../limits';
import { scalarText, type Json } from '../model';
import { snowflake } from '../snowflake';
import { ok, type Router } from '../router';
import { ApiError, type CommandScope, type FakeState, type RequestContext } from '../state';

export function registerCommandRoutes(router: Router, s: FakeState): void {
  const commands = new CommandRegistry(s);
  for (const scope of ['global', 'guild'] as const) {
    const base = scope === 'global' ? '/applications/:applicationId/commands' : '/applications/:applicationId/guilds/:guildId/commands';
    router.route('GET', base, (ctx) => ok(commands.list(scope, ctx)));
    router.route('PUT', base, (ctx) => ok(commands.overwrite(scope, ctx)));
    router.route('POST', base, (ctx) => ok(commands.upsert(scope, ctx)));
    router.route('GET', `${base}/:commandId`, (ctx) => ok(commands.require(scope, ctx)));
    router.route('DELETE', `${base}/:commandId`, (ctx) => {
      const command = commands.require(scope, ctx);
      s.commands[scope].delete(commandKey(command));
      return ok();
    });
  }
}

class CommandRegistry {
  constructor(private readonly s: FakeState) {}

  list(scope: CommandScope, ctx: RequestContext): Json[] {
    this.checkApplication(ctx, scope);
    return this.s.registeredCommands(scope);
  }

  require(scope: CommandScope, ctx: RequestContext): Json {
    this.checkApplication(ctx, scope);
    const command = [...this.s.commands[scope].values()].find((c) => c.id === ctx.params.commandId);
    if (!command) throw new ApiError(404, 10063, 'Unknown application command', 'not-found');
    return command;
  }

  /** Bulk overwrite: the list replaces everything; a command keeps its id while its name and type stay the same. */
  overwrite(scope: CommandScope, ctx: RequestContext): Json[] {
    this.checkApplication(ctx, scope);
    const errors = checkCommands(ctx.body);
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    const next = new Map<string, Json>();
    for (const definition of ctx.body as Json[]) {
      const command = this.store(scope, definition);
      next.set(commandKey(command), command);
    }
    this.s.commands[scope].clear();
    for (const [key, command] of next) this.s.commands[scope].set(key, command);
    return this.s.registeredCommands(scope);
  }

  upsert(scope: CommandScope, ctx: RequestContext): Json {
    this.checkApplication(ctx, scope);
    const errors = checkCommands([ctx.body]);
    if (errors.length)
      throw new ApiError(
        400,
        50035,
        'Invalid Form Body',
        'limits',
        errors.map((e) => ({ ...e, path: e.path.replace(/^0\.?/, '') })),
      );
    const command = this.store(scope, ctx.body as Json);
    this.s.commands[scope].set(commandKey(command), command);
    return command;
  }

  private checkApplication(ctx: RequestContext, scope: CommandScope): void {
    if (ctx.params.applicationId !== this.s.applicationId) throw new ApiError(403, 50001, 'Missing Access', 'permission');
    if (scope === 'guild') this.s.requireGuild(ctx.params.guildId);
  }

  private store(scope: CommandScope, definition: Json): Json {
    const type = (definition.type as number | undefined) ?? 1;
    const key = `${scope}:${type}:${String(definition.name)}`;
    const id = this.s.commandIds.get(key) ?? snowflake();
    this.s.commandIds.set(key, id);
    const previous = this.s.commands[scope].get(`${type}:${String(definition.name)}`);
    const command: Json = {
      id,
      application_id: this.s.applicationId,
      type,
      name: definition.name,
      name_localizations: definition.name_localizations ?? null,
      description: definition.description ?? '',
      description_localizations: definition.description_localizations ?? null,
      options: definition.options ?? [],
      default_member_permissions: definition.default_member_permissions ?? null,
      dm_permission: definition.dm_permission ?? true,
      contexts: definition.contexts ?? null,
      integration_types: definition.integration_types ?? [0],
      nsfw: definition.nsfw ?? false,
      ...(scope === 'guild' ? { guild_id: this.s.guild.id } : {}),
    };
    // Discord bumps `version` only when the definition changes, which is how an idempotent deploy shows.
    const unchanged =
      previous && JSON.stringify({ ...previous, version: undefined }) === JSON.stringify({ ...command, version: undefined });
    command.version = unchanged ? previous.version : snowflake();
    return command;
  }
}

function commandKey(command: Json): string {
  return `${scalarText(command.type ?? 1)}:${scalarText(command.name)}`;
}
