/**
 * The archive the command e2e files (commands, threadAndRandom) serve: the seeds plus two planted comments, one
 * quoting `@everyone` and mentions (it must ping nobody) and one far longer than any Discord field (it must be cut
 * cleanly). Also the embed readers and the check every such file ends with.
 */
import type { FakeDiscord, Json, SentMessage } from '../fakeDiscord';
import { copySeedsWith } from './harness';

export const MENTIONS_MARKER = 'zanzibarquokka';
export const LONG_MARKER = 'quokkalong';
export const USER_MENTION = '<@123456789012345678>';
export const ROLE_MENTION = '<@&223456789012345678>';
const LONG_TEXT = Array.from(
  { length: 120 },
  (_, i) => `Sentence ${i + 1} about the ${LONG_MARKER} caseload and the endless paperwork in the office.`,
).join(' ');

/** Copies the seeds into `dir` with the two comments planted in the second seed file. */
export function copyPlantedSeeds(dir: string): void {
  copySeedsWith(dir, (file, text) =>
    file.startsWith('002_')
      ? text
          .replace(
            "DeleteI'm guessing you mean Working Links? If so, why not just say so?",
            `DeleteI'm guessing you mean Working Links? @everyone and ${USER_MENTION} and ${ROLE_MENTION} should read this ${MENTIONS_MARKER}. If so, why not just say so?`,
          )
          .replace('DeleteThe person that wrote it was the manager!', `DeleteThe person that wrote it was the manager! ${LONG_TEXT}`)
      : text,
  );
}

export const embedOf = (message: SentMessage) =>
  message.embeds[0] as {
    title?: string;
    description?: string;
    footer?: { text?: string };
    fields?: Array<{ name: string; value: string }>;
  };
export const embedText = (message: SentMessage) => JSON.stringify(message.embeds);

/**
 * Every interaction the fake saw was answered first within 3 seconds, and every message (at least `minMessages`)
 * was sent with allowed_mentions parse: [].
 */
export function expectQuickSilentAnswers(fake: FakeDiscord, minMessages: number): void {
  const messageRequests = fake.requests.filter(
    (r) => r.status < 400 && r.body !== undefined && (r.route.endsWith('/callback') || r.route.startsWith('/webhooks/')),
  );
  expect(messageRequests.length).toBeGreaterThan(minMessages);
  for (const r of messageRequests) {
    const body = r.body as Json;
    if (r.route.endsWith('/callback')) {
      if (body.type === 4 || body.type === 7) expect((body.data as Json).allowed_mentions).toEqual({ parse: [] });
    } else {
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  }
  const acknowledged = fake.requests.filter((r) => r.route.endsWith('/callback')).map((r) => fake.interaction(r.interactionId!)!);
  for (const ix of acknowledged) expect(ix.ackAfterMs!).toBeLessThan(3000);
}
