/**
 * Turns a file's bytes into the text the parser reads, or says why it cannot: the export is UTF-8 (sometimes with a
 * byte-order mark, sometimes UTF-16 from a Windows editor), and anything else is not an archive file.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeBytes(bytes: Buffer): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, message: `binary file (NUL byte at offset ${nul}), not a text export` };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, message: 'binary file (not valid UTF-8 text), not a text export' };
  }
}

/** Decodes, then normalises what is not content: the byte-order mark and CRLF / CR line endings. */
export function decodeArchiveText(content: Buffer | string): DecodedText {
  const decoded = typeof content === 'string' ? { ok: true as const, text: content } : decodeBytes(content);
  if (!decoded.ok) return decoded;
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) return { ok: false, message: 'binary file (contains NUL characters), not a text export' };
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}
