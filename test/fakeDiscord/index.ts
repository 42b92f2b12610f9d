/** The fake Discord for end-to-end tests: start it, point a discord.js Client's `rest.api` at `fake.apiUrl`, log in with `fake.token`. */
export { FakeDiscord, startFakeDiscord } from './fakeDiscord';
export type { FakeDiscordOptions } from './fakeDiscord';
export type { FaultHandle, FaultRule } from './faults';
export { FakeInteraction, CALLBACK, INTERACTION } from './interaction';
export { ATTACHMENT_LIMITS, checkUpload } from './attachments';
export type { StoredAttachment } from './attachments';
export { checkChoices, checkCommands, checkMessageBody, embedLength, LIMITS } from './limits';
export type { LimitError } from './limits';
export { resolvePings } from './mentions';
export type { Pings } from './mentions';
export type { FakeUser, Json } from './model';
export { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, P } from './permissions';
export type {
  ChannelInput,
  InvokeContext,
  OptionValue,
  OverwriteInput,
  RecordedRequest,
  SentMessage,
  UploadedFile,
  Violation,
  ViolationKind,
} from './types';
export { shardOfGuild, snowflakeOnShard } from './snowflake';
