/**
 * Files uploaded with a message, the way Discord (API v10) takes them: a multipart body whose `files[n]` parts are the
 * files and whose `payload_json` may list `attachments: [{ id, description }]` (for a new file, `id` is the `n` of its
 * part; on an edit, existing attachments to keep are listed by their ids and the rest are removed). Rules checked:
 * at most 10 files, alt text at most 1,024 characters, listed ids that exist, and the upload size limit (413 beyond).
 * An embed's `attachment://name` becomes the attachment's URL in the stored message, as Discord returns it; a
 * reference to no attached file stays as sent (Discord then shows no image), so a test sees the mistake.
 */
import type { LimitError } from './limits';
import type { Json } from './model';
import type { UploadedFile } from './types';

export const ATTACHMENT_LIMITS = {
  files: 10,
  description: 1024,
  /** An unboosted server's upload limit, for all files of one request. */
  bytes: 10 * 1024 * 1024,
} as const;

export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  description?: string;
  width?: number;
  height?: number;
  url: string;
  data: Buffer;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const FILE_FIELD = /^files\[(\d+)\]$/;

export interface UploadCheck {
  errors: LimitError[];
  /** Over the size limit: Discord answers 413 (40005 Request entity too large) before looking at anything else. */
  tooLarge: boolean;
}

/** Checks the files and `attachments` list of a create (`existing` empty) or an edit. */
export function checkUpload(body: unknown, files: readonly UploadedFile[], existing: readonly StoredAttachment[]): UploadCheck {
  const errors: LimitError[] = [];
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (bytes > ATTACHMENT_LIMITS.bytes) return { errors, tooLarge: true };
  if (files.length > ATTACHMENT_LIMITS.files)
    errors.push({ path: 'files', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${ATTACHMENT_LIMITS.files} or fewer in length.` });
  const uploaded = new Set<string>();
  files.forEach((f) => {
    const m = FILE_FIELD.exec(f.field);
    if (!m) errors.push({ path: f.field, code: 'FILE_FIELD_INVALID', message: 'Files must be sent as files[n].' });
    else uploaded.add(m[1]);
    if (!f.name) errors.push({ path: f.field, code: 'BASE_TYPE_REQUIRED', message: 'A file needs a filename.' });
  });
  const list = isObject(body) ? body.attachments : undefined;
  if (list === undefined || list === null) return { errors, tooLarge: false };
  if (!Array.isArray(list)) {
    errors.push({ path: 'attachments', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return { errors, tooLarge: false };
  }
  const kept = new Set(existing.map((a) => a.id));
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const at = `attachments.${i}`;
    if (!isObject(entry) || (typeof entry.id !== 'string' && typeof entry.id !== 'number'))
      return errors.push({ path: `${at}.id`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    const id = String(entry.id);
    if (!uploaded.has(id) && !kept.has(id))
      errors.push({
        path: `${at}.id`,
        code: 'ATTACHMENT_NOT_FOUND',
        message: `Unknown attachment ${id}: neither an uploaded files[${id}] nor an attachment of the message.`,
      });
    if (seen.has(id)) errors.push({ path: `${at}.id`, code: 'ATTACHMENT_ID_DUPLICATED', message: `Attachment ${id} is listed twice.` });
    seen.add(id);
    if (typeof entry.description === 'string' && entry.description.length > ATTACHMENT_LIMITS.description) {
      errors.push({
        path: `${at}.description`,
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${ATTACHMENT_LIMITS.description} or fewer in length.`,
      });
    }
  });
  if (list.length > ATTACHMENT_LIMITS.files)
    errors.push({ path: 'attachments', code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${ATTACHMENT_LIMITS.files} or fewer in length.` });
  return { errors, tooLarge: false };
}

/** Width and height from a PNG's IHDR chunk, as Discord reports them for images. */
function pngSize(data: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (data.length < 24 || data.subarray(0, 8).toString('hex') !== signature || data.subarray(12, 16).toString('latin1') !== 'IHDR')
    return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The message's attachments after a checked create or edit. */
export function applyUpload(
  body: unknown,
  files: readonly UploadedFile[],
  existing: readonly StoredAttachment[],
  newId: () => string,
): StoredAttachment[] {
  const list = isObject(body) && Array.isArray(body.attachments) ? (body.attachments as Json[]) : null;
  const entry = (id: string) => list?.find((e) => isObject(e) && String(e.id) === id);
  const out: StoredAttachment[] = [];
  for (const a of existing) {
    if (list && !entry(a.id)) continue;
    const description = entry(a.id)?.description;
    out.push(typeof description === 'string' ? { ...a, description } : a);
  }
  for (const f of files) {
    const n = FILE_FIELD.exec(f.field)![1];
    if (list && !entry(n)) continue;
    const id = newId();
    const description = entry(n)?.description;
    out.push({
      id,
      filename: f.name,
      size: f.size,
      contentType: f.contentType,
      ...(typeof description === 'string' ? { description } : {}),
      ...pngSize(f.data),
      url: `https://cdn.fake/attachments/${id}/${f.name}`,
      data: f.data,
    });
  }
  return out;
}

/** The attachment as the API returns it (no bytes). */
export function attachmentPayload(a: StoredAttachment): Json {
  return {
    id: a.id,
    filename: a.filename,
    size: a.size,
    url: a.url,
    proxy_url: a.url,
    content_type: a.contentType,
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.width !== undefined ? { width: a.width, height: a.height } : {}),
  };
}

/** `attachment://name` in embed images and thumbnails → the attachment's URL, as in the message Discord returns. */
export function resolveEmbedAttachments(embeds: Json[], attachments: readonly StoredAttachment[]): Json[] {
  const resolve = (media: unknown) => {
    if (!isObject(media) || typeof media.url !== 'string' || !media.url.startsWith('attachment://')) return media;
    const found = attachments.find((a) => a.filename === (media.url as string).slice('attachment://'.length));
    return found
      ? {
          ...media,
          url: found.url,
          proxy_url: found.url,
          ...(found.width !== undefined ? { width: found.width, height: found.height } : {}),
        }
      : media;
  };
  return embeds.map((e) => ({
    ...e,
    ...(e.image ? { image: resolve(e.image) } : {}),
    ...(e.thumbnail ? { thumbnail: resolve(e.thumbnail) } : {}),
  }));
}
