/** What tests see of the fake: recorded requests, rule violations and the messages the bot made. */
import type { StoredAttachment } from './attachments';
import type { LimitError } from './limits';
import type { Pings } from './mentions';
import type { FakeUser, Json } from './model';

export interface UploadedFile {
  /** The multipart field, `files[n]`. */
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  /** Position in `fake.requests`, so a test can ask for what came after a point. */
  index: number;
  method: string;
  /** The decoded path after `/api/v10`, e.g. `/webhooks/123/tok/messages/@original`. */
  path: string;
  /** The matched route template, e.g. `/webhooks/:applicationId/:token/messages/:messageId` ("" when unknown). */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  /** Parsed JSON, or the `payload_json` part of a multipart body; undefined when there was no body. */
  body: unknown;
  files: UploadedFile[];
  status: number;
  /** What the fake answered (undefined for 204). */
  response: unknown;
  /** Epoch milliseconds on arrival. */
  at: number;
  /** Set on callback and webhook routes that belong to a dispatched interaction. */
  interactionId?: string;
}

export type ViolationKind = 'limits' | 'interaction' | 'permission' | 'not-found' | 'auth' | 'route' | 'request';

export interface Violation {
  kind: ViolationKind;
  status: number;
  /** Discord's JSON error code (50035, 40060, 10062, 50013, ...). */
  code: number;
  message: string;
  method: string;
  path: string;
  route: string;
  interactionId?: string;
  /** Field-level problems for 50035 Invalid Form Body. */
  errors: LimitError[];
}

export interface SentMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: Json[];
  components: Json[];
  /** Files attached to the message, with their bytes (a test can decode an uploaded chart). */
  attachments: StoredAttachment[];
  flags: number;
  ephemeral: boolean;
  /** The `allowed_mentions` the bot sent with the message (latest create or edit), undefined if it sent none. */
  allowedMentions: unknown;
  /** Who Discord would notify for this content and those allowed mentions. */
  pings: Pings;
  /** The interaction that made it, for replies and follow-ups. */
  interactionId?: string;
  deleted: boolean;
  /** The message exactly as the API returns it (what a button interaction carries). */
  raw: Json;
}

export type OptionValue = string | number | boolean;

export interface InvokeContext {
  /** Who acts; defaults to `fake.users.alice`. */
  user?: FakeUser;
  /** Send as a direct message with the bot instead of in the guild. */
  dm?: boolean;
  /** The guild channel it happens in; defaults to `fake.defaultChannelId`. */
  channelId?: string;
  /** The member's permissions in that channel; defaults to what roles and overwrites give them. */
  memberPermissions?: bigint;
  locale?: string;
}

export interface OverwriteInput {
  /** A role id or a user id. */
  id: string;
  type: 'role' | 'member';
  allow?: bigint;
  deny?: bigint;
}

export interface ChannelInput {
  id?: string;
  name: string;
  /** 0 text (default), 2 voice, 4 category, 5 announcement. */
  type?: number;
  parentId?: string | null;
  overwrites?: OverwriteInput[];
}
