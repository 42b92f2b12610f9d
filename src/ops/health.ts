/**
 * What GET /healthz answers. 200 only once the bot is ready and every gateway shard it runs is connected; 503 while
 * it starts (loading the archive, logging in), while any shard is down or reconnecting, and while it shuts down: what
 * a compose healthcheck, a Kubernetes probe or a load balancer expects.
 *
 * The store's reachability is reported (and exported as archive_bot_store_up) but does not make the answer 503: the
 * bot still serves /search and /thread without it, and restarting the bot cannot bring a database back.
 */
import type { StoreKind } from '../store/databaseUrl';

export type BotPhase = 'starting' | 'ready' | 'stopping';

export interface ShardHealth {
  id: number;
  /** discord.js's shard status, as a word: ready, connecting, reconnecting, resuming, identifying, … */
  status: string;
  up: boolean;
  /** Last heartbeat round trip; null before the first. */
  pingMs: number | null;
}

export interface HealthSources {
  phase(): BotPhase;
  /** Null before the client exists. */
  shards(): ShardHealth[] | null;
  /** Null before the archive is loaded. */
  archive(): { posts: number; comments: number } | null;
  store(): { backend: StoreKind | 'memory' | 'other'; reachable: () => Promise<boolean> } | null;
  startedAt: number;
}

export interface HealthBody {
  status: 'ok' | 'starting' | 'gateway-down' | 'stopping';
  phase: BotPhase;
  gateway: { ready: boolean; shards: ShardHealth[] };
  archive: { posts: number; comments: number } | null;
  store: { backend: string; reachable: boolean } | null;
  uptimeSeconds: number;
}

export async function healthReport(sources: HealthSources, now = Date.now()): Promise<{ httpStatus: 200 | 503; body: HealthBody }> {
  const phase = sources.phase();
  const shards = sources.shards() ?? [];
  const gatewayReady = shards.length > 0 && shards.every((s) => s.up);
  const store = sources.store();
  const status: HealthBody['status'] =
    phase === 'starting' ? 'starting' : phase === 'stopping' ? 'stopping' : gatewayReady ? 'ok' : 'gateway-down';
  const body: HealthBody = {
    status,
    phase,
    gateway: { ready: gatewayReady, shards },
    archive: sources.archive(),
    store: store ? { backend: store.backend, reachable: await store.reachable() } : null,
    uptimeSeconds: Math.round((now - sources.startedAt) / 1000),
  };
  return { httpStatus: status === 'ok' ? 200 : 503, body };
}

/**
 * A store probe that never takes longer than `timeoutMs` and is re-run at most every `cacheMs`: health checks and
 * scrapes may arrive every second from several places, and a hung database must not hang them.
 */
export function cachedProbe(probe: () => Promise<unknown>, timeoutMs = 2000, cacheMs = 5000): () => Promise<boolean> {
  let last: { at: number; ok: boolean } | null = null;
  let running: Promise<boolean> | null = null;
  return () => {
    if (last && Date.now() - last.at < cacheMs) return Promise.resolve(last.ok);
    running ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref?.();
      probe()
        .then(
          () => resolve(true),
          () => resolve(false),
        )
        .finally(() => clearTimeout(timer));
    }).then((ok) => {
      last = { at: Date.now(), ok };
      running = null;
      return ok;
    });
    return running;
  };
}
