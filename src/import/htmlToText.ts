/**
 * Blogger stores posts and comments as HTML; the archive holds plain text laid out as the text exports are (lines,
 * paragraphs separated by a blank line). Faithful means: every word the reader saw, in order, and nothing they did
 * not see. Tags are tokenized before entities are decoded (htmlparser2 does both), so an escaped `&lt;sigh&gt;` stays
 * the text `<sigh>` instead of becoming a tag that vanishes. Links keep their text and gain their address, since the
 * address is part of what the writer pointed at: `the report (https://example.org/r.pdf)`.
 */
import { Parser } from 'htmlparser2';

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  'p', 'div', 'blockquote', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'pre', 'hr',
  'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'center', 'address', 'form', 'fieldset', 'main', 'nav',
]);
/** Elements whose content is never shown as text. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'object', 'embed', 'iframe', 'svg', 'select', 'textarea']);
/** Table cells sit side by side: a separator keeps their words apart. */
const CELLS = new Set(['td', 'th']);

/**
 * Blogger's "convert line breaks" setting stores plain text whose newlines are shown as line breaks. Content with no
 * markup that breaks lines is such text; anything else is HTML, where a newline is only a space.
 */
const LINE_MARKUP = /<(?:br|p|div|li|blockquote|h[1-6]|tr|pre|table|ul|ol)\b/i;

const PARAGRAPH = '\u0000P';
const LINE = '\u0000L';

interface OpenLink {
  href: string;
  start: number;
}

function linkTarget(href: string | undefined): string | null {
  const value = href?.trim();
  if (!value || !/^(?:https?:|mailto:|ftp:)/i.test(value)) return null; // anchors, javascript: and relative paths say nothing to a reader
  return value;
}

/** `https://www.example.org/a/` and `www.example.org/a` are the same address for deciding whether to repeat it. */
function sameAddress(text: string, href: string): boolean {
  const norm = (s: string) =>
    s
      .trim()
      .replace(/^mailto:/i, '')
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/^www\./i, '')
      .replace(/\/+$/, '')
      .toLowerCase();
  return norm(text) === norm(href);
}

/** Collapses whitespace, trims lines, and turns the break markers into newlines: at most one blank line in a row. */
function layout(raw: string): string {
  const lines: string[] = [];
  let pendingBreak: 'none' | 'line' | 'paragraph' = 'none';
  for (const piece of raw.split(/(\u0000[PL])/)) {
    if (piece === PARAGRAPH) {
      pendingBreak = 'paragraph';
      continue;
    }
    if (piece === LINE) {
      // Two line breaks in a row (`<br><br>`) are how Blogger's editor makes a paragraph.
      pendingBreak = pendingBreak === 'none' ? 'line' : 'paragraph';
      continue;
    }
    const text = piece.replace(/[ \t\f\v\u00a0]+/g, ' ');
    if (text.trim().length === 0) continue;
    if (lines.length === 0) lines.push('');
    else if (pendingBreak === 'paragraph') lines.push('', '');
    else if (pendingBreak === 'line') lines.push('');
    pendingBreak = 'none';
    lines[lines.length - 1] += text;
  }
  return lines
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text a reader sees in `html`: paragraphs separated by a blank line, lines by a newline, no markup left. */
export function htmlToText(html: string): string {
  if (!html) return '';
  const source = html.replace(/\r\n?/g, '\n');
  const keepNewlines = !LINE_MARKUP.test(source);
  let out = '';
  let hidden = 0;
  let pre = 0;
  const links: OpenLink[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (HIDDEN.has(name)) hidden++;
        if (hidden > 0) return;
        if (name === 'br') out += LINE;
        else if (name === 'li') out += LINE + '• ';
        else if (BLOCKS.has(name)) {
          out += PARAGRAPH;
          if (name === 'pre') pre++;
        } else if (CELLS.has(name)) out += ' | ';
        else if (name === 'a') links.push({ href: attribs.href ?? '', start: out.length });
      },
      ontext(text) {
        if (hidden > 0) return;
        if (pre > 0 || keepNewlines) out += text.replace(/\n/g, LINE);
        else out += text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1);
          return;
        }
        if (hidden > 0) return;
        if (BLOCKS.has(name)) {
          out += PARAGRAPH;
          if (name === 'pre') pre = Math.max(0, pre - 1);
        } else if (name === 'a') {
          const link = links.pop();
          const target = linkTarget(link?.href);
          if (!link || !target) return;
          const text = out.slice(link.start).replace(/\u0000[PL]/g, ' ').trim();
          if (!text) out += ` ${target} `;
          else if (!sameAddress(text, target)) out += ` (${target})`;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(source);
  parser.end();
  return layout(out);
}
