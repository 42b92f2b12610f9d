/**
 * `npm run bench:live [-- --posts 4500]`: what one live-archive change costs the running bot at archive scale.
 * Loads the benchmark archive (scripts/lib/benchArchive.ts) into a bot context as `npm start` does, then times
 * `applyLiveUpdate` (src/live/applyUpdate.ts: index add, look-up, thread finder, corpus statistics, new Archive) for
 * N new comments on one thread and for a new post, and, as the baseline from the same run, inserting the same texts
 * into a plain SQLite FTS5 table holding every unit (scripts/lib/ftsBaseline.ts). Figures go to docs/performance.md.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import Keyv from 'keyv';
import { loadConfig } from '../src/config';
import type { Comment, Post } from '../src/corpus/types';
import { createBotContext } from '../src/discord/context';
import { applyLiveUpdate } from '../src/live/applyUpdate';
import { createLogger } from '../src/log';
import { ensureBenchArchive } from './lib/benchArchive';
import { positiveOption } from './lib/scriptArgs';
import { DEFAULT_SEED } from './lib/syntheticArchive';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { posts: { type: 'string' } } });
  const posts = positiveOption(values.posts, 'posts', false) ?? 4500;
  const archive = ensureBenchArchive(posts, DEFAULT_SEED);
  const dataDir = path.join(os.tmpdir(), 'archive-bot-bench', `live-data-${posts}`);
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ ARCHIVE_DIR: archive.dir, DATA_DIR: dataDir }, process.cwd());
  const started = performance.now();
  const { context, info } = await createBotContext({ config, store: new Keyv(), logger: createLogger({ write: () => undefined }) });
  process.stderr.write(
    `loaded ${info.posts} posts, ${info.comments} comments (index ${info.indexBuilt ? 'built' : 'from cache'}) in ${Math.round(performance.now() - started)} ms\n`,
  );

  // Texts to add: real comments of other threads, so the vocabulary is the archive's own.
  const donors = context.archive.posts
    .slice(-200)
    .flatMap((p) => p.comments.filter((c) => !c.removed).map((c) => ({ text: c.text, author: c.author })));
  let donor = 0;
  const newComments = (post: Post, n: number, tag: string): Comment[] =>
    Array.from({ length: n }, (_, i) => {
      const d = donors[donor++ % donors.length];
      const order = post.comments.length + i;
      return {
        id: `${post.id}-live${tag}-${i}`,
        postId: post.id,
        parentId: null,
        position: String(order + 1),
        order,
        author: d.author,
        text: `${d.text} ${tag}marker${i}`,
        removed: false,
        line: null,
        published: null,
        url: null,
      };
    });

  const units = context.search.units;
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE units USING fts5(text, author UNINDEXED, tokenize = 'porter unicode61')`);
  const insert = db.prepare('INSERT INTO units (text, author) VALUES (?, ?)');
  db.transaction(() => {
    for (const u of units) insert.run(u.text, u.author);
  })();

  const rows: string[] = [];
  let version = 0;
  for (const n of [1, 10, 100, 1000]) {
    for (let run = 0; run < 3; run++) {
      const post = context.archive.posts[(n * 7 + run * 131) % context.archive.posts.length];
      const comments = newComments(post, n, `g${n}r${run}`);
      const t0 = performance.now();
      applyLiveUpdate(context, { newPosts: [], grown: [{ post, comments }], removed: [] }, ++version);
      const ours = performance.now() - t0;
      // Found among the hits (a loose stage also finds the other markers one typo away).
      const found = context.search.search(`g${n}r${run}marker0`, { limit: 25 }).hits.some((h) => h.id === comments[0].id) ? 1 : 0;
      const t1 = performance.now();
      db.transaction(() => {
        for (const c of comments) insert.run(c.text, c.author);
      })();
      const fts = performance.now() - t1;
      rows.push(
        `| ${n} comments | ${run + 1} | ${ours.toFixed(1)} | ${fts.toFixed(1)} | ${(ours / fts).toFixed(1)} | ${found === 1 ? 'yes' : 'NO'} |`,
      );
    }
  }
  for (let run = 0; run < 3; run++) {
    const template = context.archive.posts[run * 17];
    const post: Post = { ...template, id: `live-post-${run}`, source: `live-archive/post-${run}.jsonl`, comments: [] };
    post.comments = newComments(post, 30, `p${run}`);
    const t0 = performance.now();
    applyLiveUpdate(context, { newPosts: [post], grown: [], removed: [] }, ++version);
    const ours = performance.now() - t0;
    const t1 = performance.now();
    db.transaction(() => {
      insert.run(post.body, null);
      for (const c of post.comments) insert.run(c.text, c.author);
    })();
    const fts = performance.now() - t1;
    rows.push(
      `| a new post + 30 comments | ${run + 1} | ${ours.toFixed(1)} | ${fts.toFixed(1)} | ${(ours / fts).toFixed(1)} | ${context.threads.byPostId(post.id) ? 'yes' : 'NO'} |`,
    );
  }
  process.stdout.write(
    [
      `Live adds at ${info.posts} posts, ${info.comments} comments (${os.cpus().length} cores, ${new Date().toISOString()}):`,
      '',
      '| change | run | applyLiveUpdate ms | FTS5 insert ms | ratio | searchable |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
