import { runCli } from '../../src/cli/main';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- digest', () => {
  test('--json prints the item for the date: on this day when the seeds have a post from that day', async () => {
    const { code, out, err } = await cli('digest', '--date', '2024-10-25', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['date', 'onThisDay', 'item']);
    expect(doc.date).toBe('2024-10-25');
    expect(doc.onThisDay).toBe(true);
    expect(doc.item.postDate).toBe('2022-10-25');
    expect(doc.item.kind).toBe('post');
    // The post's own framing, not Sonia Flynn's letter: `speaker` null says these are the blogger's words.
    expect(Object.keys(doc.item)).toEqual(['kind', 'postId', 'postTitle', 'postDate', 'commentId', 'text', 'speaker']);
    expect(doc.item.speaker).toBeNull();
    expect(doc.item.text).toContain('I notice the Chief Probation Officer is jumping ship');
    expect(doc.item.text).not.toContain('I have decided it is the right time for me');
    expect(doc.item.text.length).toBeGreaterThan(0);
  });

  test('a day with no anniversary gives another item; the same date and server always give the same one', async () => {
    const a = await cli('digest', '--date', '2024-01-01', '--server', '123456789012345678', '--json');
    const b = await cli('digest', '--date', '2024-01-01', '--server', '123456789012345678', '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).onThisDay).toBe(false);
    expect(a.out).toBe(b.out);
    const item = JSON.parse(a.out).item;
    if (item.kind === 'comment') expect(item.commentId).toMatch(new RegExp(`^${item.postId}-`));
    else expect(item.commentId).toBeNull();
  });

  test('a bad or missing date is a usage error on stderr with exit status 2', async () => {
    for (const args of [['--date', '2024-02-30'], ['--date', '25/10/2024'], []]) {
      const { code, out, err } = await cli('digest', ...args, '--json');
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/YYYY-MM-DD|calendar/);
      expect(err).not.toMatch(/at .*\.ts/);
    }
  });

  test('human output names the heading, the post and the quote', async () => {
    const { code, out } = await cli('digest', '--date', '2024-10-25');
    expect(code).toBe(0);
    expect(out).toMatch(/^2024-10-25: On this day in 2022/);
    expect(out).toContain('Changes at the Top');
  });
});
