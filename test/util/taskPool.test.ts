/** TaskPool: a bounded number of writes in flight, and no failure lost, whatever a task rejects with. */
import { TaskPool } from '../../src/util/taskPool';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('TaskPool', () => {
  it('never runs more than its size at once, and drain waits for all of them', async () => {
    const pool = new TaskPool(2);
    let running = 0;
    let most = 0;
    let done = 0;
    const task = async () => {
      most = Math.max(most, ++running);
      await settle();
      running--;
      done++;
    };
    for (let i = 0; i < 7; i++) await pool.run(task);
    await pool.drain();
    expect(most).toBe(2);
    expect(done).toBe(7);
  });

  it('reports a failure from drain, even when the task rejected with a falsy value', async () => {
    const pool = new TaskPool(4);
    let ran = false;
    const falsyReason: unknown = undefined; // what a careless library may reject with
    await pool.run(async () => {
      throw falsyReason;
    });
    await settle();
    await expect(pool.run(async () => void (ran = true))).rejects.toBeUndefined();
    await expect(pool.drain()).rejects.toBeUndefined();
    expect(ran).toBe(false);
  });

  it('refuses new work once a task has failed', async () => {
    const pool = new TaskPool(4);
    const failure = new Error('disk full');
    await pool.run(() => Promise.reject(failure));
    await settle();
    let ran = false;
    await expect(pool.run(async () => void (ran = true))).rejects.toBe(failure);
    expect(ran).toBe(false);
  });
});
