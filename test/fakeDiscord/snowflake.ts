/** Discord-shaped ids (milliseconds since 2015 shifted left 22 bits, plus a counter) so discord.js can read their timestamps. */
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Interaction tokens are opaque to bots; a long random-looking string is enough. */
export function interactionToken(): string {
  const bytes = new Uint8Array(48);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return 'aW50ZXJhY3Rpb24' + Buffer.from(bytes).toString('base64url');
}

/** The shard Discord routes a guild's events to: `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A guild id that lands on `shard` of `shardCount` (its timestamp moved back a few milliseconds as needed). */
export function snowflakeOnShard(shard: number, shardCount: number, at: number = Date.now()): string {
  for (let back = 0; ; back++) {
    const id = snowflake(at - back);
    if (shardOfGuild(id, shardCount) === shard) return id;
  }
}
