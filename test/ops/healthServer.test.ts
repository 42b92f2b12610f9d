import net from 'node:net';
import { ConfigError } from '../../src/config';
import { silentLogger } from '../../src/log';
import { cachedProbe } from '../../src/ops/health';
import { startHealthServer } from '../../src/ops/healthServer';

describe('GIVEN the health server', () => {
  test('THEN a port already in use stops start-up with a message naming HEALTH_PORT', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const err = await startHealthServer({
        host: '127.0.0.1',
        port,
        report: async () => ({ httpStatus: 200, body: {} as never }),
        metrics: async () => ({ contentType: 'text/plain', text: '' }),
        logger: silentLogger,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toBe(
        `HEALTH_PORT: 127.0.0.1:${port} is already in use: pick another port, or stop what is listening there.`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('GIVEN a store probe', () => {
  test('THEN a store that hangs reads as unreachable after the timeout, and the answer is cached', async () => {
    let calls = 0;
    const probe = cachedProbe(
      () => {
        calls++;
        return new Promise(() => undefined);
      },
      50,
      10_000,
    );
    const started = Date.now();
    expect(await probe()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await probe()).toBe(false);
    expect(calls).toBe(1);
  });
});
