/** REST routes for the gateway URL, users (and DM channels) and the application. */
import { dmChannelPayload } from '../model';
import { ok, type Router } from '../router';
import { ApiError, isObject, type FakeState } from '../state';

export function registerCoreRoutes(router: Router, s: FakeState): void {
  router.route('GET', '/gateway', () => ok({ url: s.gatewayUrl }), false);
  router.route('GET', '/gateway/bot', () =>
    ok({
      url: s.gatewayUrl,
      shards: s.recommendedShards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: s.maxConcurrency },
    }),
  );
  router.route('GET', '/users/@me', () => ok(s.botUser));
  router.route('POST', '/users/@me/channels', ({ body }) => {
    const recipient = s.findUser(String(isObject(body) ? body.recipient_id : ''));
    if (!recipient) throw new ApiError(400, 50033, 'Invalid Recipient(s)', 'request');
    return ok(dmChannelPayload(s.dmChannelFor(recipient), recipient));
  });
  router.route('GET', '/users/:userId', ({ params }) => {
    const user = s.findUser(params.userId);
    if (!user) throw new ApiError(404, 10013, 'Unknown User', 'not-found');
    return ok(user);
  });
  const application = () =>
    ok({
      id: s.applicationId,
      name: s.botUser.username,
      description: '',
      bot_public: true,
      bot_require_code_grant: false,
      flags: 0,
      bot: s.botUser,
      owner: s.users.owner,
      verify_key: '',
      team: null,
    });
  router.route('GET', '/applications/@me', application);
  router.route('GET', '/oauth2/applications/@me', application);
}
