/**
 * Discord's limits, in one place: messages (enforced by messageBuilder.ts) and command definitions (checked by
 * deployCommands.ts before registering). Discord rejects a request that breaks any of them (and discord.js checks
 * only some message limits: not the 6,000 total, not 5 buttons a row), so they are all enforced before sending.
 */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Across every embed of one message: title, description, field names and values, footer, author name. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  /** Files uploaded with one message, their alt text, and all their bytes together (an unboosted server's limit). */
  attachments: 10,
  attachmentDescription: 1024,
  attachmentBytes: 10 * 1024 * 1024,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  /** Names, descriptions and choices of one command, all levels together. */
  commandTotalChars: 8000,
  commandsPerScope: 100,
} as const;
