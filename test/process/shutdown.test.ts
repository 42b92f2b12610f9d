/** handleShutdownSignals: the one place signals are handled, with a fake process to signal and a fake exit. */
import { EventEmitter } from 'node:events';
import { createLogger } from '../../src/log';
import { handleShutdownSignals } from '../../src/shutdown';
import { startupProgress } from '../../src/discord/startupProgress';

function setUp(deadlineMs = 1000) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) });
  const signals = new EventEmitter();
  const exits: number[] = [];
  const handle = handleShutdownSignals({
    logger,
    deadlineMs,
    exit: (code) => void exits.push(code),
    signals: signals as unknown as Pick<NodeJS.Process, 'on'>,
  });
  return { lines, signals, exits, handle, msgs: () => lines.map((l) => l.msg) };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

test('a signal during start-up exits 0 at once, saying so', () => {
  const { signals, exits, msgs } = setUp();
  signals.emit('SIGTERM');
  expect(exits).toEqual([0]);
  expect(msgs()).toEqual(['shut down before start-up finished']);
});

test('a signal while running stops the bot once, logs the shutdown and exits 0; a second signal does not cut it short', async () => {
  const { signals, exits, msgs, handle } = setUp();
  let stops = 0;
  let finish!: () => void;
  handle.running(() => {
    stops += 1;
    return new Promise<void>((resolve) => (finish = resolve));
  });
  signals.emit('SIGTERM');
  signals.emit('SIGTERM');
  signals.emit('SIGINT');
  await tick();
  expect(stops).toBe(1);
  expect(exits).toEqual([]);
  finish();
  await tick();
  expect(exits).toEqual([0]);
  expect(msgs()).toEqual(['shutting down', 'already shutting down', 'already shutting down', 'shut down']);
});

test('a stop that fails, or outlasts the deadline, exits 1 with the reason logged', async () => {
  const failing = setUp();
  failing.handle.running(() => Promise.reject(new Error('store would not close')));
  failing.signals.emit('SIGINT');
  await tick();
  expect(failing.exits).toEqual([1]);
  expect(failing.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'shutdown failed' }));

  const stuck = setUp(50);
  stuck.handle.running(() => new Promise<void>(() => undefined));
  stuck.signals.emit('SIGTERM');
  await tick(120);
  expect(stuck.exits).toEqual([1]);
  expect(stuck.lines).toContainEqual(
    expect.objectContaining({ level: 'error', msg: 'shutdown deadline passed; exiting without waiting further', deadlineMs: 50 }),
  );
});

test('start-up logs each stage and reminds while one lasts, so a slow start is never silent', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const progress = startupProgress(createLogger({ write: (l) => lines.push(JSON.parse(l)) }), 30);
  progress.stage('connecting to Discord', { api: 'http://127.0.0.1:1/api' });
  await tick(100);
  progress.done();
  const count = lines.length;
  await tick(80);
  expect(lines[0]).toMatchObject({ level: 'info', msg: 'connecting to Discord', api: 'http://127.0.0.1:1/api' });
  expect(lines.slice(1).length).toBeGreaterThanOrEqual(2);
  expect(lines[1]).toMatchObject({ level: 'warn', msg: 'still starting', stage: 'connecting to Discord' });
  expect(lines.length).toBe(count);
});
