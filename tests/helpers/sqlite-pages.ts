/**
 * Reads where SQLite put a WITHOUT ROWID table's rows, page by page, straight
 * from the file (https://www.sqlite.org/fileformat2.html). A damage test that
 * searched the raw bytes for a row's text was fooled by stale bytes that SQLite
 * leaves in reused pages and by interior pages that also hold rows; walking
 * the b-tree tells for certain which rows a page holds and in which order.
 */
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

const FILE_HEADER_BYTES = 100;
const INTERIOR_INDEX = 2;
const LEAF_INDEX = 10;

export type PageCell = { values: (string | number | Uint8Array | null)[] };
export type TreePage = { pageNo: number; leaf: boolean; cells: PageCell[] };

function varint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buf[at + i]!;
    if (i === 8) return [value * 256 + byte, at + 9];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, at + i + 1];
  }
  throw new Error('unreachable');
}

/** Decodes a record (header of serial types, then values); only records held whole on the page. */
function record(buf: Buffer, at: number): PageCell['values'] {
  const [headerSize, afterSize] = varint(buf, at);
  const types: number[] = [];
  for (let p = afterSize; p < at + headerSize;) {
    const [type, next] = varint(buf, p);
    types.push(type);
    p = next;
  }
  const values: PageCell['values'] = [];
  let p = at + headerSize;
  const INT_BYTES = [0, 1, 2, 3, 4, 6, 8];
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      const n = INT_BYTES[type]!;
      values.push(Number(buf.readIntBE(p, Math.min(n, 6))));
      p += n;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const n = Math.floor((type - 12) / 2);
      const bytes = buf.subarray(p, p + n);
      values.push(type % 2 === 1 ? bytes.toString('utf8') : new Uint8Array(bytes));
      p += n;
    } else throw new Error(`serial type ${type} not expected in these tables`);
  }
  return values;
}

/**
 * The pages of `table`'s b-tree in key order: a leaf's rows come before the
 * interior row that follows it, exactly the order a scan visits them.
 */
export function treePages(file: string, table: string): TreePage[] {
  const db = new DatabaseSync(file, { readOnly: true });
  let root: number;
  try {
    root = (db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as { rootpage: number })
      .rootpage;
  } finally {
    db.close();
  }
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const out: TreePage[] = [];
  const visit = (pageNo: number) => {
    const page = bytes.subarray((pageNo - 1) * pageSize, pageNo * pageSize);
    const head = pageNo === 1 ? FILE_HEADER_BYTES : 0;
    const type = page[head]!;
    if (type !== INTERIOR_INDEX && type !== LEAF_INDEX) throw new Error(`page ${pageNo} is not an index b-tree page`);
    const leaf = type === LEAF_INDEX;
    const count = page.readUInt16BE(head + 3);
    const pointers = head + (leaf ? 8 : 12);
    const cells: PageCell[] = [];
    const interior: TreePage = { pageNo, leaf: false, cells: [] };
    for (let i = 0; i < count; i++) {
      let at = page.readUInt16BE(pointers + 2 * i);
      if (!leaf) {
        visit(page.readUInt32BE(at));
        at += 4;
      }
      const [, payload] = varint(page, at);
      const cell = { values: record(page, payload) };
      if (leaf) cells.push(cell);
      else out.push({ ...interior, cells: [cell] });
    }
    if (leaf) out.push({ pageNo, leaf, cells });
    else visit(page.readUInt32BE(head + 8));
  };
  visit(root);
  return out;
}
