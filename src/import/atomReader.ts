/**
 * Streams an Atom document and hands over one `<entry>` at a time as a small element tree. Only the entry being read
 * is held in memory (a full backup is ~140 MB; a document tree of it would take several times that), and the parser
 * is strict, so a truncated or malformed file stops the import with the line where it broke instead of importing
 * half of it.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportError } from './types';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';

export interface XmlElement {
  /** Local name (`entry`, `in-reply-to`). */
  name: string;
  /** Namespace URI ('' for none). */
  ns: string;
  /** Attributes by local name (Atom's attributes carry no namespace). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (character data and CDATA), children's text excluded. */
  text: string;
  /** 1-based line where the element starts. */
  line: number;
}

export interface AtomDocumentInfo {
  /** The feed's `<id>` (e.g. `tag:blogger.com,1999:blog-123`), when it comes before the first entry. */
  feedId: string | null;
  /** The feed's `<link rel="alternate">` href: the blog's address. */
  blogUrl: string | null;
  /** Namespaces declared on the root element. */
  namespaces: Set<string>;
}

export interface AtomReadHandlers {
  /** Called once, when the first entry starts (or at the end for a feed without entries). */
  onStart?(info: AtomDocumentInfo): void;
  onEntry(entry: XmlElement): void;
}

export function child(el: XmlElement, name: string, ns = ATOM_NS): XmlElement | undefined {
  return el.children.find((c) => c.name === name && c.ns === ns);
}

export function children(el: XmlElement, name: string, ns = ATOM_NS): XmlElement[] {
  return el.children.filter((c) => c.name === name && c.ns === ns);
}

export function childText(el: XmlElement, name: string, ns = ATOM_NS): string | null {
  const c = child(el, name, ns);
  return c ? c.text : null;
}

function describeRoot(tag: SaxesTagNS): string {
  if (tag.local === 'rss') return 'an RSS feed, not an Atom document';
  if (tag.local === 'html') return 'an HTML page, not an Atom document';
  if (tag.local === 'feed') return `a <feed> in namespace "${tag.uri}", not Atom's`;
  return `an XML document whose root is <${tag.name}>, not an Atom <feed>`;
}

/**
 * Reads `file` (or the given chunks) and calls `handlers.onEntry` for each top-level `<entry>`. Throws ImportError
 * (with the line) for anything that is not a well-formed Atom feed.
 */
export async function readAtomEntries(file: string, handlers: AtomReadHandlers, chunks?: AsyncIterable<string>): Promise<void> {
  const fileName = file;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let depth = 0;
  let sawRoot = false;
  let started = false;
  const info: AtomDocumentInfo = { feedId: null, blogUrl: null, namespaces: new Set() };
  let feedChild: XmlElement | null = null;
  let failure = null as ImportError | null; // set by the parser's callbacks: typed so TS does not narrow it to null

  const start = () => {
    if (started) return;
    started = true;
    handlers.onStart?.(info);
  };

  parser.on('error', (e) => {
    // saxes goes on after an error; the first one decides (a truncated file reports every unclosed tag otherwise).
    if (!failure) failure = new ImportError(`not well-formed XML: ${e.message.replace(/^\d+:\d+: /, '')}`, fileName, parser.line);
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) {
      sawRoot = true;
      if (tag.local !== 'feed' || tag.uri !== ATOM_NS) throw new ImportError(`this is ${describeRoot(tag)}`, fileName, parser.line);
      for (const [key, attr] of Object.entries(tag.attributes))
        if (key === 'xmlns' || key.startsWith('xmlns:')) info.namespaces.add(attr.value);
      return;
    }
    const el: XmlElement = { name: tag.local, ns: tag.uri, attrs: {}, children: [], text: '', line: parser.line };
    for (const key in tag.attributes) {
      const attr = tag.attributes[key];
      if (attr.prefix !== 'xmlns' && attr.name !== 'xmlns') el.attrs[attr.local] = attr.value;
    }
    if (depth === 2) {
      if (el.name === 'entry' && el.ns === ATOM_NS) start();
      else feedChild = el;
    } else stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  const onText = (text: string) => {
    const el = stack[stack.length - 1];
    // The line breaks between an entry's child elements are not text anyone wrote: skip them (a third of all text events).
    if (el && (el.children.length === 0 || text.trim())) el.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    const el = stack.pop();
    if (!el || depth !== 1) return;
    if (el.name === 'entry' && el.ns === ATOM_NS) handlers.onEntry(el);
    else if (feedChild === el && !started) {
      if (el.name === 'id' && el.ns === ATOM_NS) info.feedId = el.text.trim();
      if (el.name === 'link' && el.ns === ATOM_NS && el.attrs.rel === 'alternate' && el.attrs.href) info.blogUrl = el.attrs.href;
    }
    feedChild = null;
  });

  const source: AsyncIterable<string> = chunks ?? createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 18 });
  let first = true;
  try {
    for await (const raw of source) {
      const chunk = first ? raw.replace(/^\uFEFF/, '') : raw;
      if (first && chunk.trim()) {
        first = false;
        // A text file or an HTML error page is named as such, not as a parser complaint about its last line.
        const start = chunk.trimStart();
        if (!start.startsWith('<')) {
          const line = chunk.slice(0, chunk.length - start.length).split('\n').length;
          throw new ImportError(`not XML: it starts with ${JSON.stringify(start.slice(0, 30).split('\n')[0])}`, fileName, line);
        }
      }
      parser.write(chunk);
      if (failure) throw failure;
    }
    if (first) throw new ImportError('empty file: there is nothing in it', fileName);
    parser.close();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new ImportError('file does not exist', fileName);
    if (code === 'EISDIR') throw new ImportError('is a folder, not a file', fileName);
    if (code === 'EACCES' || code === 'EPERM') throw new ImportError('permission denied', fileName);
    throw new ImportError(`could not be read: ${(e as Error).message}`, fileName, parser.line);
  }
  if (failure) throw failure;
  if (!sawRoot) throw new ImportError('no XML element in it', fileName);
  start();
}
