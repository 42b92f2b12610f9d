/** REST routes for channels (and their messages, as the bot posts them itself) and the guild, its roles and members. */
import { checkMessageBody } from '../limits';
import { channelPayload, dmChannelPayload, guildPayload, memberPayload, rolePayload, type ChannelState, type Json } from '../model';
import { P, missingPermissions } from '../permissions';
import type { MessageStore } from '../messageStore';
import { ok, type Router } from '../router';
import { ApiError, isObject, type FakeState, type RequestContext, type StoredMessage } from '../state';

export function registerGuildRoutes(router: Router, s: FakeState, store: MessageStore): void {
  const channels = new ChannelAccess(s, store);
  router.route('GET', '/channels/:channelId', ({ params }) =>
    ok(channels.payloadFor(params.channelId, channels.visible(params.channelId))),
  );
  router.route('POST', '/channels/:channelId/messages', (ctx) => ok(channels.createMessage(ctx)));
  router.route('GET', '/channels/:channelId/messages', ({ params, query }) => {
    channels.visible(params.channelId);
    const limit = Math.min(Number(query.get('limit') ?? 50), 100);
    return ok(
      store
        .channelMessages(params.channelId)
        .reverse()
        .slice(0, limit)
        .map((m) => m.raw),
    );
  });
  router.route('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
    channels.visible(params.channelId);
    return ok(channels.message(params.channelId, params.messageId).raw);
  });
  router.route('PATCH', '/channels/:channelId/messages/:messageId', (ctx) => {
    channels.visible(ctx.params.channelId);
    const stored = channels.message(ctx.params.channelId, ctx.params.messageId);
    return ok(store.applyEdit(stored, ctx.body, ctx.files));
  });
  router.route('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
    channels.visible(params.channelId);
    channels.message(params.channelId, params.messageId).deleted = true;
    s.events.emit('change');
    return ok();
  });
  router.route('POST', '/channels/:channelId/typing', ({ params }) => {
    channels.visible(params.channelId);
    return ok();
  });

  router.route('GET', '/guilds/:guildId', ({ params }) =>
    ok({ ...guildPayload(s.requireGuild(params.guildId), s.botUser), approximate_member_count: s.guild.members.size }),
  );
  router.route('GET', '/guilds/:guildId/channels', ({ params }) => {
    const guild = s.requireGuild(params.guildId);
    return ok([...guild.channels.values()].map((c) => channelPayload(guild, c)));
  });
  router.route('GET', '/guilds/:guildId/roles', ({ params }) => {
    const guild = s.requireGuild(params.guildId);
    return ok([...guild.roles.values()].map((r) => rolePayload(guild, r, s.botUserId)));
  });
  router.route('GET', '/guilds/:guildId/members', ({ params }) =>
    ok([...s.requireGuild(params.guildId).members.values()].map(memberPayload)),
  );
  router.route('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
    const member = s.requireGuild(params.guildId).members.get(params.userId);
    if (!member) throw new ApiError(404, 10007, 'Unknown Member', 'not-found');
    return ok(memberPayload(member));
  });
}

/** What the bot may see and do in a channel, as Discord checks it. */
class ChannelAccess {
  constructor(
    private readonly s: FakeState,
    private readonly store: MessageStore,
  ) {}

  createMessage(ctx: RequestContext): Json {
    const channel = this.visible(ctx.params.channelId);
    const body = isObject(ctx.body) ? ctx.body : {};
    let required = P.SendMessages;
    if (Array.isArray(body.embeds) && body.embeds.length > 0) required |= P.EmbedLinks;
    if (ctx.files.length > 0) required |= P.AttachFiles;
    if (channel) {
      const missing = missingPermissions(this.s.permissionsOf(this.s.botUserId, channel.id), required);
      if (missing.length) throw new ApiError(403, 50013, `Missing Permissions (${missing.join(', ')})`, 'permission');
    }
    const errors = checkMessageBody(body, { creating: true, fileCount: ctx.files.length });
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    return this.store.storeMessage(ctx.params.channelId, body, 'channel', undefined, ctx.files).raw;
  }

  message(channelId: string, messageId: string): StoredMessage {
    const stored = this.s.messages.get(messageId);
    if (!stored || stored.deleted || stored.raw.channel_id !== channelId) throw new ApiError(404, 10008, 'Unknown Message', 'not-found');
    return stored;
  }

  /** Guild channels need View Channel (else 403 Missing Access); DM channels are the bot's own. Returns undefined for a DM. */
  visible(channelId: string): ChannelState | undefined {
    if (this.s.isDmChannel(channelId)) return undefined;
    const channel = this.s.guild.channels.get(channelId);
    if (!channel || !this.s.guild.botPresent) throw new ApiError(404, 10003, 'Unknown Channel', 'not-found');
    if ((this.s.permissionsOf(this.s.botUserId, channelId) & P.ViewChannel) === 0n)
      throw new ApiError(403, 50001, 'Missing Access', 'permission');
    return channel;
  }

  payloadFor(channelId: string, channel: ChannelState | undefined): Json {
    if (channel) return channelPayload(this.s.guild, channel);
    const recipientId = [...this.s.dmChannels.entries()].find(([, id]) => id === channelId)?.[0];
    const recipient = recipientId ? this.s.findUser(recipientId) : undefined;
    if (recipient) return dmChannelPayload(channelId, recipient);
    throw new ApiError(404, 10003, 'Unknown Channel', 'not-found');
  }
}
