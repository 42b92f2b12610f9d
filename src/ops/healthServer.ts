/**
 * The operator's HTTP endpoint: GET /healthz (JSON, 200 or 503) and GET /metrics (Prometheus text format). Bound to
 * 127.0.0.1 unless HEALTH_HOST says otherwise: metrics say how busy the bot is and which commands people use, which is
 * for the operator, not the internet. Nothing here changes the bot; every other path is 404, every other method 405.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config';
import type { Logger } from '../log';
import type { HealthBody } from './health';

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (tests); the one chosen is in `port`. */
  port: number;
  report: () => Promise<{ httpStatus: number; body: HealthBody }>;
  metrics: () => Promise<{ contentType: string; text: string }>;
  logger: Logger;
}

export interface HealthServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { logger } = options;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    const send = (status: number, contentType: string, text: string) => {
      res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (path !== '/healthz' && path !== '/metrics') return send(404, 'text/plain; charset=utf-8', 'Not found: try /healthz or /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    }
    const answer =
      path === '/healthz'
        ? options.report().then(({ httpStatus, body }) => send(httpStatus, 'application/json; charset=utf-8', JSON.stringify(body) + '\n'))
        : options.metrics().then(({ contentType, text }) => send(200, contentType, text));
    answer.catch((err: unknown) => {
      logger.error('health endpoint failed', { path, err });
      if (!res.headersSent) send(500, 'text/plain; charset=utf-8', 'Internal error\n');
    });
  });
  // Health checks open a connection each time; don't let idle keep-alives hold a shutdown.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      if (err.code === 'EADDRINUSE')
        reject(new ConfigError('HEALTH_PORT', `${where} is already in use: pick another port, or stop what is listening there.`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
        reject(new ConfigError('HEALTH_HOST', `"${options.host}" is not an address of this machine.`));
      else if (err.code === 'EACCES') reject(new ConfigError('HEALTH_PORT', `${where} needs privileges to bind: use a port above 1023.`));
      else reject(err);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info('health server listening', {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    paths: ['/healthz', '/metrics'],
  });
  return {
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
