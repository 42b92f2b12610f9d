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
  'p',
  'div',
  'blockquote',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'pre',
  'hr',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'figure',
  'figcaption',
  'center',
  'address',
  'form',
  'fieldset',
  'main',
  'nav',
]);
/** Elements whose content is never shown as text. */
const HIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'object',
  'embed',
  'iframe',
  'svg',
  'select',
  'textarea',
]);
/** Table cells sit side by side: a separator keeps their words apart. */
const CELLS = new Set(['td', 'th']);

/**
 * Blogger's "convert line breaks" setting stores plain text whose newlines are shown as line breaks. Content with no
 * markup that breaks lines is such text; anything else is HTML, where a newline is only a space.
 */
const LINE_MARKUP = /<(?:br|p|div|li|blockquote|h[1-6]|tr|pre|table|ul|ol)\b/i;

interface OpenLink {
  href: string;
  /** The link's text as it went by (for deciding whether to add the address). */
  text: string;
}

/**
 * Lines and paragraphs built as the parser goes: whitespace collapsed to single spaces, breaks asked for by tags
 * held back until the next word (so runs of `<br>`s and empty paragraphs never pile up blank lines).
 */
class TextBuilder {
  private readonly lines: string[] = [];
  private line = '';
  /** 0: none, 1: a line break, 2: a paragraph break (a blank line). */
  private pending = 0;
  private space = false;

  /** A `<br>`: one is a new line, two in a row (Blogger's editor's paragraph) a blank line. */
  lineBreak(): void {
    this.pending = this.pending === 0 ? 1 : 2;
  }

  paragraphBreak(): void {
    this.pending = 2;
  }

  /** Text whose whitespace collapses, as HTML's does. */
  text(raw: string): void {
    const text = raw.replace(/\s+/g, ' ');
    if (text === ' ') {
      this.space = true;
      return;
    }
    if (text.charCodeAt(0) === 32) this.space = true;
    const end = text.charCodeAt(text.length - 1) === 32;
    this.word(text.trim());
    this.space = end;
  }

  /** Text whose newlines are line breaks (`<pre>`, or plain text stored with "convert line breaks"). */
  preformatted(raw: string): void {
    const parts = raw.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) this.lineBreak();
      this.text(part);
    });
  }

  private word(text: string): void {
    if (!text) return;
    if (this.pending > 0 && (this.line || this.lines.length > 0)) {
      this.lines.push(this.line);
      if (this.pending === 2) this.lines.push('');
      this.line = '';
    }
    this.pending = 0;
    this.line += this.space && this.line ? ` ${text}` : text;
    this.space = false;
  }

  /** Words added as they are: a link's address, or a marker (a bullet, a cell rule) that its text follows. */
  append(text: string, spaceAfter = false): void {
    this.space = true;
    this.word(text);
    this.space = spaceAfter;
  }

  toString(): string {
    return [...this.lines, this.line].join('\n').trim();
  }
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

/** The text a reader sees in `html`: paragraphs separated by a blank line, lines by a newline, no markup left. */
export function htmlToText(html: string): string {
  if (!html) return '';
  const source = html.indexOf('\r') === -1 ? html : html.replace(/\r\n?/g, '\n');
  const keepNewlines = !LINE_MARKUP.test(source);
  const out = new TextBuilder();
  let hidden = 0;
  let pre = 0;
  const links: OpenLink[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (HIDDEN.has(name)) hidden++;
        if (hidden > 0) return;
        if (name === 'br') out.lineBreak();
        else if (name === 'li') {
          out.lineBreak();
          out.append('•', true);
        } else if (BLOCKS.has(name)) {
          out.paragraphBreak();
          if (name === 'pre') pre++;
        } else if (CELLS.has(name)) out.append('|', true);
        else if (name === 'a') links.push({ href: attribs.href ?? '', text: '' });
      },
      ontext(text) {
        if (hidden > 0) return;
        for (const link of links) link.text += text;
        if (pre > 0 || keepNewlines) out.preformatted(text);
        else out.text(text);
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1);
          return;
        }
        if (hidden > 0) return;
        if (BLOCKS.has(name)) {
          out.paragraphBreak();
          if (name === 'pre') pre = Math.max(0, pre - 1);
        } else if (name === 'a') {
          const link = links.pop();
          const target = linkTarget(link?.href);
          if (!link || !target) return;
          const text = link.text.trim();
          if (!text) out.append(target);
          else if (!sameAddress(text, target)) out.append(`(${target})`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(source);
  parser.end();
  return out.toString();
}
