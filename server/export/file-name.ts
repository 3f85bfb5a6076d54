/**
 * The download's file name: `<workshop-slug>-<yyyy-mm-dd>.<ext>`, from the
 * workshop's title in the room's language and the export's day in its time zone.
 * Titles keep their letters (æ ø å) in `filename*` (RFC 5987); `filename`
 * gets an ASCII spelling for clients that know nothing else.
 */
import type { ExportModel } from '../../src/lib/export/schema.ts';

const MAX_SLUG_LENGTH = 60;
/** How Danish and Norwegian letters are spelt without them. */
const ASCII_SPELLINGS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function slugify(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}

export function asciiSpelling(slug: string): string {
  return slug
    .replace(/[æøåäöüß]/g, (c) => ASCII_SPELLINGS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** yyyy-mm-dd of an instant in a time zone. */
export function dayInZone(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((out, p) => ({ ...out, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function exportFileName(
  model: Pick<ExportModel, 'workshop' | 'exportedAt' | 'timeZone'>,
  extension: string,
): { unicode: string; ascii: string } {
  const slug = slugify(model.workshop.title) || slugify(model.workshop.id) || 'ledestjerne';
  const day = dayInZone(model.exportedAt, model.timeZone);
  const ascii = asciiSpelling(slug) || 'ledestjerne';
  return { unicode: `${slug}-${day}.${extension}`, ascii: `${ascii}-${day}.${extension}` };
}

/** RFC 6266 Content-Disposition with an RFC 5987 `filename*` when the name is not plain ASCII. */
export function contentDisposition(name: { unicode: string; ascii: string }): string {
  const plain = `attachment; filename="${name.ascii}"`;
  if (name.unicode === name.ascii) return plain;
  const encoded = encodeURIComponent(name.unicode).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${plain}; filename*=UTF-8''${encoded}`;
}
