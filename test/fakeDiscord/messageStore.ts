/** The fake's messages: storing what the bot sends (checked against Discord's limits), applying edits, and the snapshots tests read. */
import { applyUpload, attachmentPayload, checkUpload, resolveEmbedAttachments, type StoredAttachment } from './attachments';
import { checkMessageBody } from './limits';
import { resolvePings, type MentionDefault } from './mentions';
import type { Json } from './model';
import { snowflake } from './snowflake';
import { INTERACTION, type FakeInteraction } from './interaction';
import { ApiError, FLAG_EPHEMERAL, FLAG_LOADING, isObject, type FakeState, type StoredMessage } from './state';
import type { SentMessage, UploadedFile } from './types';

export class MessageStore {
  constructor(private readonly s: FakeState) {}

  message(id: string): SentMessage | undefined {
    const stored = this.s.messages.get(id);
    return stored ? this.snapshot(stored) : undefined;
  }

  /** Messages in a channel (including interaction replies there), oldest first. */
  channelMessages(channelId: string): SentMessage[] {
    return [...this.s.messages.values()].filter((m) => m.raw.channel_id === channelId && !m.deleted).map((m) => this.snapshot(m));
  }

  /** Messages the bot posted itself with `POST /channels/{id}/messages` (not interaction replies). */
  postedMessages(channelId?: string): SentMessage[] {
    return [...this.s.messages.values()]
      .filter((m) => m.interactionId === undefined && (!channelId || m.raw.channel_id === channelId))
      .map((m) => this.snapshot(m));
  }

  requireMessage(message: SentMessage | string): StoredMessage {
    const id = typeof message === 'string' ? message : message.id;
    const stored = this.s.messages.get(id);
    if (!stored || stored.deleted) throw new Error(`The fake has no message ${id}`);
    return stored;
  }

  /** Checks a create's or an edit's files against Discord's attachment rules; returns the message's attachments after it. */
  private acceptUpload(body: unknown, files: UploadedFile[], existing: StoredAttachment[]): StoredAttachment[] {
    const check = checkUpload(body, files, existing);
    if (check.tooLarge) throw new ApiError(413, 40005, 'Request entity too large', 'limits');
    if (check.errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', check.errors);
    return applyUpload(body, files, existing, snowflake);
  }

  storeMessage(
    channelId: string,
    body: Json,
    where: MentionDefault,
    interaction: FakeInteraction | undefined,
    files: UploadedFile[],
  ): StoredMessage {
    const attachments = this.acceptUpload(body, files, []);
    const id = snowflake();
    const fromInteraction = interaction !== undefined;
    const raw: Json = {
      id,
      type: fromInteraction ? (interaction.type === INTERACTION.Command ? 20 : 0) : 0,
      channel_id: channelId,
      ...(this.s.isDmChannel(channelId) ? {} : { guild_id: this.s.guild.id }),
      author: this.s.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: resolveEmbedAttachments(normaliseEmbeds(body.embeds), attachments),
      components: Array.isArray(body.components) ? body.components : [],
      attachments: attachments.map(attachmentPayload),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      sticker_items: [],
    };
    if (interaction) {
      raw.webhook_id = this.s.applicationId;
      raw.application_id = this.s.applicationId;
      const commandName = isObject(interaction.payload.data) ? interaction.payload.data.name : undefined;
      raw.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: interaction.user,
        authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
        ...(interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
        ...(commandName ? { name: commandName } : {}),
      };
      if (commandName) raw.interaction = { id: interaction.id, type: interaction.type, name: commandName, user: interaction.user };
    }
    const stored: StoredMessage = {
      raw,
      attachments,
      allowedMentions: body.allowed_mentions,
      mentionDefault: where,
      interactionId: interaction?.id,
      deleted: false,
    };
    this.s.messages.set(id, stored);
    this.s.events.emit('change');
    return stored;
  }

  /** An edit replaces the fields it names; the result must still be a valid, non-empty message. */
  applyEdit(stored: StoredMessage, body: unknown, files: UploadedFile[]): Json {
    const edit = isObject(body) ? body : {};
    const errors = checkMessageBody(edit, { creating: false, fileCount: files.length });
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    const attachments = this.acceptUpload(edit, files, stored.attachments);
    const next: Json = { ...stored.raw, attachments: attachments.map(attachmentPayload) };
    if ('content' in edit) next.content = typeof edit.content === 'string' ? edit.content : '';
    if ('embeds' in edit) next.embeds = resolveEmbedAttachments(normaliseEmbeds(edit.embeds), attachments);
    if ('components' in edit) next.components = Array.isArray(edit.components) ? edit.components : [];
    if (typeof edit.flags === 'number') next.flags = ((next.flags as number) & (FLAG_EPHEMERAL | FLAG_LOADING)) | edit.flags;
    next.flags = (next.flags as number) & ~FLAG_LOADING;
    const merged = checkMessageBody(next, { creating: true, fileCount: attachments.length });
    if (merged.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', merged);
    next.edited_timestamp = new Date().toISOString();
    stored.raw = next;
    stored.attachments = attachments;
    if ('allowed_mentions' in edit) stored.allowedMentions = edit.allowed_mentions;
    this.s.events.emit('change');
    return next;
  }

  private snapshot(stored: StoredMessage): SentMessage {
    const raw = stored.raw;
    const flags = (raw.flags as number) ?? 0;
    return {
      id: raw.id as string,
      channelId: raw.channel_id as string,
      content: raw.content as string,
      embeds: raw.embeds as Json[],
      components: raw.components as Json[],
      attachments: stored.attachments,
      flags,
      ephemeral: (flags & FLAG_EPHEMERAL) !== 0,
      allowedMentions: stored.allowedMentions,
      pings: resolvePings(raw.content, stored.allowedMentions, stored.mentionDefault),
      interactionId: stored.interactionId,
      deleted: stored.deleted,
      raw,
    };
  }
}

function normaliseEmbeds(embeds: unknown): Json[] {
  return Array.isArray(embeds) ? embeds.filter(isObject).map((e) => ({ type: 'rich', ...e })) : [];
}
