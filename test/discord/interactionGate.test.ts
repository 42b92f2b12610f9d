/** InteractionGate: what happens to interactions when the bot stops (see the e2e test of npm start for the real thing). */
import type { Interaction } from 'discord.js';
import { InteractionGate, RESTARTING_MESSAGE } from '../../src/discord/interactionGate';
import { silentLogger } from '../../src/log';

/** The parts of a discord.js interaction the gate uses, recording what was sent. */
function fakeInteraction(kind: 'command' | 'button' | 'autocomplete', state: { deferred?: boolean; replied?: boolean } = {}) {
  const sent: Array<[string, unknown]> = [];
  const interaction = {
    id: String(Math.random()),
    deferred: state.deferred ?? false,
    replied: state.replied ?? false,
    responded: false,
    isAutocomplete: () => kind === 'autocomplete',
    isRepliable: () => kind !== 'autocomplete',
    isMessageComponent: () => kind === 'button',
    reply: async (p: unknown) => void sent.push(['reply', p]),
    editReply: async (p: unknown) => void sent.push(['editReply', p]),
    followUp: async (p: unknown) => void sent.push(['followUp', p]),
    respond: async (p: unknown) => void sent.push(['respond', p]),
  };
  return { interaction: interaction as unknown as Interaction, sent };
}

const never = () => new Promise<void>(() => undefined);

test('interactions arriving while draining are answered "restarting" at once, privately, and never run', async () => {
  const gate = new InteractionGate(silentLogger);
  const drained = gate.drain(50);
  const late = fakeInteraction('command');
  let ran = false;
  gate.admit(late.interaction, async () => void (ran = true));
  const choices = fakeInteraction('autocomplete');
  gate.admit(choices.interaction, async () => void (ran = true));
  expect(await drained).toEqual({ finished: 0, cutShort: 0, turnedAway: 2 });
  expect(ran).toBe(false);
  expect(late.sent).toEqual([
    ['reply', expect.objectContaining({ content: RESTARTING_MESSAGE, flags: 64, allowedMentions: { parse: [] } })],
  ]);
  expect(choices.sent).toEqual([['respond', []]]);
});

test('the drain waits for interactions in flight; those still running at the deadline get the notice in their own way', async () => {
  const gate = new InteractionGate(silentLogger);
  let finishQuick!: () => void;
  gate.admit(fakeInteraction('command').interaction, () => new Promise<void>((resolve) => (finishQuick = resolve)));
  const deferredCommand = fakeInteraction('command', { deferred: true });
  const deferredButton = fakeInteraction('button', { deferred: true });
  const answered = fakeInteraction('command', { replied: true });
  gate.admit(deferredCommand.interaction, never);
  gate.admit(deferredButton.interaction, never);
  gate.admit(answered.interaction, never);
  expect(gate.size).toBe(4);
  setTimeout(() => finishQuick(), 10);
  expect(await gate.drain(100)).toEqual({ finished: 1, cutShort: 3, turnedAway: 0 });
  // "thinking…" becomes the notice; a button's message (the results it pages) stays, the notice goes below it.
  expect(deferredCommand.sent).toEqual([['editReply', expect.objectContaining({ content: RESTARTING_MESSAGE })]]);
  expect(deferredButton.sent).toEqual([['followUp', expect.objectContaining({ content: RESTARTING_MESSAGE, flags: 64 })]]);
  expect(answered.sent).toEqual([]);
});
