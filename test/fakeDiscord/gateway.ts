/**
 * The fake gateway: the websocket a discord.js Client connects to. HELLO, heartbeats, IDENTIFY (with shards), RESUME
 * from the buffered events, member chunks; and the outages a test can stage (held IDENTIFY, refused handshakes, drops).
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, memberPayload, type Json } from './model';
import { interactionToken } from './snowflake';
import type { FakeState, GatewaySession } from './state';

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  /** While set, IDENTIFY waits on it before READY (holdIdentify). */
  private identifyGate: Promise<void> | null = null;
  /** While true, new gateway connections are dropped at the handshake (refuseGateway). */
  private refusingGateway = false;

  constructor(private readonly s: FakeState) {}

  /** The HTTP server's 'upgrade' handler. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.refusingGateway) return void socket.destroy();
    this.wss.handleUpgrade(req, socket, head, (ws) => this.handleConnection(ws, req));
  }

  async close(): Promise<void> {
    for (const session of this.s.sessions.values()) session.socket?.terminate();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Until the returned function is called, a bot that identifies gets no READY: it stays "connecting". */
  holdIdentify(): () => void {
    let release!: () => void;
    this.identifyGate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.identifyGate = null;
      release();
    };
  }

  /** A gateway outage: while `refusing`, new gateway connections fail at the handshake (combine with disconnectGateway). */
  refuseGateway(refusing: boolean): void {
    this.refusingGateway = refusing;
  }

  /** Drops every gateway connection with `code` (4000 lets discord.js RESUME) to exercise reconnects. */
  disconnectGateway(code = 4000): void {
    for (const session of this.s.sessions.values()) {
      session.socket?.close(code, 'fake: disconnect');
      session.socket = undefined;
    }
  }

  private handleConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const s = this.s;
    const query = new URL(req.url ?? '/', 'http://fake').searchParams;
    if (query.get('encoding') !== 'json' || query.has('compress')) {
      ws.close(4002, 'fake gateway speaks uncompressed JSON only');
      return;
    }
    let session: GatewaySession | undefined;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: s.heartbeatIntervalMs }, s: null, t: null }));
    ws.on('message', (raw) => {
      let payload: { op?: number; d?: Json };
      try {
        payload = JSON.parse(
          (Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString('utf8'),
        ) as { op?: number; d?: Json };
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      const d = payload.d ?? {};
      switch (payload.op) {
        case 1:
          ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
          break;
        case 2: {
          if (session) return ws.close(4005, 'Already authenticated.');
          if (d.token !== s.token) return ws.close(4004, 'Authentication failed.');
          if (this.identifyGate) {
            const gate = this.identifyGate;
            void gate.then(() => ws.emit('message', raw));
            return;
          }
          const shard = Array.isArray(d.shard) ? (d.shard as number[]) : [0, 1];
          const [shardId, shardCount] = shard;
          if (
            shard.length !== 2 ||
            !Number.isInteger(shardId) ||
            !Number.isInteger(shardCount) ||
            shardCount < 1 ||
            shardId < 0 ||
            shardId >= shardCount
          ) {
            return ws.close(4010, 'Invalid shard.');
          }
          session = { id: interactionToken().slice(0, 32), shard: [shardId, shardCount], seq: 0, buffer: [], socket: ws };
          s.sessions.set(session.id, session);
          s.identifies.push({ shard: [shardId, shardCount], sessionId: session.id });
          s.events.emit('change');
          // Each shard hears of the guilds it owns only.
          const present = s.guild.botPresent && s.sessionReceives(session, 'guild');
          s.sendDispatch(session, 'READY', {
            v: 10,
            user: { ...s.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
            user_settings: {},
            guilds: present ? [{ id: s.guild.id, unavailable: true }] : [],
            session_id: session.id,
            session_type: 'normal',
            resume_gateway_url: s.gatewayUrl,
            shard: session.shard,
            application: { id: s.applicationId, flags: 0 },
            private_channels: [],
            relationships: [],
            presences: [],
            guild_join_requests: [],
            geo_ordered_rtc_regions: [],
          });
          if (present) s.sendDispatch(session, 'GUILD_CREATE', guildCreatePayload(s.guild, s.botUser));
          break;
        }
        case 6: {
          const resumed = s.sessions.get(String(d.session_id));
          if (!resumed || d.token !== s.token) {
            ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
            return;
          }
          session = resumed;
          session.socket = ws;
          const since = Number(d.seq ?? 0);
          for (const event of session.buffer) if (event.s > since) ws.send(JSON.stringify({ op: 0, ...event }));
          s.sendDispatch(session, 'RESUMED', {});
          break;
        }
        case 8:
          if (session) {
            s.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
              guild_id: s.guild.id,
              members: [...s.guild.members.values()].map(memberPayload),
              chunk_index: 0,
              chunk_count: 1,
              not_found: [],
              nonce: d.nonce,
            });
          }
          break;
        default:
          break;
      }
    });
    ws.on('close', () => {
      if (session?.socket === ws) session.socket = undefined;
    });
    ws.on('error', () => undefined);
  }
}
