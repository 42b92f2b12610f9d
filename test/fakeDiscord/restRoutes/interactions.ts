/**
 * REST routes for answering interactions: the callback (one acknowledgement, within the response deadline, of a type
 * valid for the interaction) and the webhook routes for follow-ups and the original message (until the token expires).
 */
import { performance } from 'node:perf_hooks';
import { checkChoices, checkMessageBody } from '../limits';
import type { Json } from '../model';
import { CALLBACK, INTERACTION, type FakeInteraction } from '../interaction';
import type { MessageStore } from '../messageStore';
import { ok, type Router } from '../router';
import {
  ALLOWED_REPLY_FLAGS,
  ApiError,
  FLAG_EPHEMERAL,
  FLAG_LOADING,
  isObject,
  type FakeState,
  type Reply,
  type RequestContext,
  type StoredMessage,
} from '../state';

export function registerInteractionRoutes(router: Router, s: FakeState, store: MessageStore): void {
  const responses = new InteractionResponses(s, store);
  router.route('POST', '/interactions/:interactionId/:token/callback', (ctx) => responses.callback(ctx), false);
  router.route('POST', '/webhooks/:applicationId/:token', (ctx) => responses.followUp(ctx), false);
  router.route('GET', '/webhooks/:applicationId/:token/messages/:messageId', (ctx) => ok(responses.webhookMessage(ctx).raw), false);
  router.route('PATCH', '/webhooks/:applicationId/:token/messages/:messageId', (ctx) => ok(responses.editWebhookMessage(ctx)), false);
  router.route(
    'DELETE',
    '/webhooks/:applicationId/:token/messages/:messageId',
    (ctx) => {
      responses.webhookMessage(ctx).deleted = true;
      s.events.emit('change');
      return ok();
    },
    false,
  );
}

class InteractionResponses {
  constructor(
    private readonly s: FakeState,
    private readonly store: MessageStore,
  ) {}

  private interactionFor(ctx: RequestContext, byToken: boolean): FakeInteraction {
    const interaction = byToken
      ? [...this.s.interactions.values()].find((i) => i.token === ctx.params.token)
      : this.s.interactions.get(ctx.params.interactionId);
    if (interaction && (byToken || interaction.token === ctx.params.token)) {
      ctx.record.interactionId = interaction.id;
      return interaction;
    }
    if (byToken) throw new ApiError(404, 10015, 'Unknown Webhook', 'not-found');
    throw new ApiError(404, 10062, 'Unknown interaction', 'interaction');
  }

  callback(ctx: RequestContext): Reply {
    const interaction = this.interactionFor(ctx, false);
    const elapsed = performance.now() - interaction.dispatchedAt;
    if (interaction.acknowledged) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.', 'interaction');
    if (elapsed > this.s.interactionResponseTimeoutMs) {
      throw new ApiError(
        404,
        10062,
        `Unknown interaction (first response after ${Math.round(elapsed)} ms; the limit is ${this.s.interactionResponseTimeoutMs} ms)`,
        'interaction',
      );
    }
    const body = isObject(ctx.body) ? ctx.body : {};
    const type = body.type as number;
    const data = isObject(body.data) ? body.data : {};
    const allowed: Record<number, number[]> = {
      [INTERACTION.Command]: [CALLBACK.Reply, CALLBACK.DeferReply, CALLBACK.Modal],
      [INTERACTION.Component]: [CALLBACK.Reply, CALLBACK.DeferReply, CALLBACK.DeferUpdate, CALLBACK.Update, CALLBACK.Modal],
      [INTERACTION.Autocomplete]: [CALLBACK.Autocomplete],
      [INTERACTION.ModalSubmit]: [CALLBACK.Reply, CALLBACK.DeferReply, CALLBACK.DeferUpdate, CALLBACK.Update],
    };
    if (!allowed[interaction.type]?.includes(type)) {
      throw new ApiError(400, 50035, 'Invalid Form Body', 'interaction', [
        {
          path: 'type',
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Response type ${String(type)} is not valid for interaction type ${interaction.type}`,
        },
      ]);
    }
    let message: StoredMessage | undefined;
    if (type === CALLBACK.Reply || type === CALLBACK.Update) {
      const flags = typeof data.flags === 'number' ? data.flags : 0;
      const errors = checkMessageBody(data, { creating: type === CALLBACK.Reply, fileCount: ctx.files.length });
      if (flags & ~ALLOWED_REPLY_FLAGS)
        errors.push({ path: 'flags', code: 'MESSAGE_FLAGS_INVALID', message: `Flags ${flags} cannot be set on a reply` });
      if (errors.length)
        throw new ApiError(
          400,
          50035,
          'Invalid Form Body',
          'limits',
          errors.map((e) => ({ ...e, path: e.path ? `data.${e.path}` : 'data' })),
        );
    }
    if (type === CALLBACK.Autocomplete) {
      const errors = checkChoices(data);
      if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
      interaction.choices = data.choices as Json[];
    }
    if (type === CALLBACK.Reply || type === CALLBACK.DeferReply) {
      const flags = typeof data.flags === 'number' ? data.flags : 0;
      const content = type === CALLBACK.Reply ? data : { content: '', flags: (flags & FLAG_EPHEMERAL) | FLAG_LOADING };
      message = this.store.storeMessage(interaction.payload.channel_id as string, content, 'interaction', interaction, ctx.files);
      interaction.originalMessageId = message.raw.id as string;
    }
    if (type === CALLBACK.Update || type === CALLBACK.DeferUpdate) {
      const source = this.s.messages.get(interaction.sourceMessageId ?? '');
      if (!source) throw new ApiError(404, 10008, 'Unknown Message', 'not-found');
      if (type === CALLBACK.Update) this.store.applyEdit(source, data, ctx.files);
      interaction.originalMessageId = source.raw.id as string;
      message = source;
    }
    interaction.ackType = type;
    interaction.ackAfterMs = elapsed;
    if (ctx.query.get('with_response') !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          activity_instance_id: null,
          response_message_id: message?.raw.id ?? null,
          response_message_loading: type === CALLBACK.DeferReply,
          response_message_ephemeral: message ? ((message.raw.flags as number) & FLAG_EPHEMERAL) !== 0 : false,
        },
        resource: message ? { type, message: message.raw } : { type },
      },
    };
  }

  private checkWebhook(ctx: RequestContext): FakeInteraction {
    if (ctx.params.applicationId !== this.s.applicationId) throw new ApiError(404, 10015, 'Unknown Webhook', 'not-found');
    const interaction = this.interactionFor(ctx, true);
    if (performance.now() - interaction.dispatchedAt > this.s.interactionTokenTtlMs)
      throw new ApiError(401, 50027, 'Invalid Webhook Token', 'interaction');
    if (!interaction.acknowledged)
      throw new ApiError(404, 10015, 'Unknown Webhook (the interaction was never acknowledged)', 'interaction');
    return interaction;
  }

  followUp(ctx: RequestContext): Reply {
    const interaction = this.checkWebhook(ctx);
    if (interaction.type === INTERACTION.Autocomplete)
      throw new ApiError(400, 50035, 'Invalid Form Body', 'interaction', [
        { path: '', code: 'INTERACTION_FOLLOWUP_INVALID', message: 'Autocomplete interactions have no follow-ups' },
      ]);
    const errors = checkMessageBody(ctx.body, { creating: true, fileCount: ctx.files.length });
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    const message = this.store.storeMessage(
      interaction.payload.channel_id as string,
      ctx.body as Json,
      'interaction',
      interaction,
      ctx.files,
    );
    interaction.followUpIds.push(message.raw.id as string);
    return ctx.query.get('wait') === 'true' ? { status: 200, body: message.raw } : { status: 204 };
  }

  webhookMessage(ctx: RequestContext): StoredMessage {
    const interaction = this.checkWebhook(ctx);
    const id = ctx.params.messageId === '@original' ? interaction.originalMessageId : ctx.params.messageId;
    const stored = id ? this.s.messages.get(id) : undefined;
    const ours = stored && (stored.interactionId === interaction.id || stored.raw.id === interaction.originalMessageId);
    if (!stored || !ours || stored.deleted) throw new ApiError(404, 10008, 'Unknown Message', 'not-found');
    return stored;
  }

  editWebhookMessage(ctx: RequestContext): Json {
    const stored = this.webhookMessage(ctx);
    const interaction = this.s.interactions.get(ctx.record.interactionId!)!;
    const raw = this.store.applyEdit(stored, ctx.body, ctx.files);
    if (stored.raw.id === interaction.originalMessageId) interaction.originalEdited = true;
    this.s.events.emit('change');
    return raw;
  }
}
