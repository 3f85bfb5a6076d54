/**
 * Opening the database files at start, whatever state they were left in.
 * A file SQLite cannot open at all (cut short, its first pages damaged) does
 * not keep the server down: its files are moved aside into a `damaged-<time>`
 * folder, never deleted, everything readable is copied into a new database
 * (salvage.ts), and what was saved and lost is reported.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase, prepareSchema } from './sqlite-db.ts';
import { isDamage, salvage } from './salvage.ts';
import { ConfigError } from '../config.ts';

const SIDE_FILES = ['-wal', '-shm'];
/** Where the database header keeps its application id, which this server sets to a random identity per database. */
const IDENTITY_OFFSET = 68;
const DB_HEADER_BYTES = 100;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;

/** The files do not belong together (a write-ahead log of another database): refused, nothing applied. */
/** Refuses to start; the message tells the operator what to do. */
export class StorageIdentityError extends ConfigError {}

/**
 * Checks, before SQLite sees them, that the write-ahead log belongs to this
 * database. SQLite would apply any valid log to any database. Every commit of
 * this server rewrites the database header (SqliteWrites), so every commit in
 * a log carries the identity of the database it was written to.
 */
export function checkFilesBelong(file: string, previousStopUnclean: boolean, problems: string[]): void {
  const wal = `${file}-wal`;
  const walExists = fs.existsSync(wal);
  const dbExists = fs.existsSync(file);
  if (!dbExists && walExists && fs.statSync(wal).size > 0) {
    throw new StorageIdentityError(
      `${wal} exists without its database ${path.basename(file)}; it was not applied. Put the database back, or move the log out of DATA_DIR.`,
    );
  }
  if (dbExists && !walExists && previousStopUnclean) {
    problems.push(
      `the previous server stopped without closing the database and ${path.basename(wal)} is missing: ` +
        'commits made after the last checkpoint are lost, unless another program closed the database cleanly ' +
        'in between (was the log deleted, or left behind when the files were copied?)',
    );
  }
  if (!dbExists || !walExists) return;
  const ours = identityOf(readBytes(file, IDENTITY_OFFSET, 4));
  if (ours === 0) return; // Written by a version before identities; nothing to compare.
  for (const theirs of walHeaderIdentities(wal)) {
    if (theirs !== ours) {
      throw new StorageIdentityError(
        `${wal} belongs to another database (identity ${theirs}; this database is ${ours}); it was not applied. ` +
          'Move it out of DATA_DIR to start with this database as it is, or put back the database it belongs to.',
      );
    }
  }
}

/** Gives a database its identity once (databases of earlier versions, and new ones). */
export function ensureIdentity(db: DatabaseSync): void {
  const { application_id: current } = db.prepare('PRAGMA application_id').get() as { application_id: number };
  if (current !== 0) return;
  const identity = (crypto.randomBytes(4).readInt32BE(0) | 1) >>> 0;
  db.exec(`PRAGMA application_id = ${identity | 0}`);
}

/** The identities in the database headers of every committed frame of page 1 in the log. */
function walHeaderIdentities(wal: string): number[] {
  const bytes = fs.readFileSync(wal);
  if (bytes.length < WAL_HEADER_BYTES) return [];
  const pageSize = bytes.readUInt32BE(8);
  const salts = bytes.subarray(16, 24);
  const found: number[] = [];
  for (
    let at = WAL_HEADER_BYTES;
    at + WAL_FRAME_HEADER_BYTES + pageSize <= bytes.length;
    at += WAL_FRAME_HEADER_BYTES + pageSize
  ) {
    // Frames with other salts are left over from before the log was restarted; SQLite ignores them too.
    if (!bytes.subarray(at + 8, at + 16).equals(salts)) continue;
    if (bytes.readUInt32BE(at) !== 1) continue;
    const page = at + WAL_FRAME_HEADER_BYTES;
    found.push(identityOf(bytes.subarray(page + IDENTITY_OFFSET, page + IDENTITY_OFFSET + 4)));
  }
  return found;
}

const identityOf = (bytes: Uint8Array) => Buffer.from(bytes).readUInt32BE(0);

function readBytes(file: string, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.fstatSync(fd).size < DB_HEADER_BYTES) return Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, offset);
  } finally {
    fs.closeSync(fd);
  }
  return buffer;
}

/** Opens the database; on damage, salvages it first. Problems found are appended to `problems`. */
export function openOrSalvage(file: string, problems: string[]): DatabaseSync {
  try {
    return openChecked(file);
  } catch (error) {
    if (!isDamage(error)) throw error;
    const aside = path.join(path.dirname(file), `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    fs.mkdirSync(aside, { recursive: true });
    for (const suffix of ['', ...SIDE_FILES]) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(aside, path.basename(file) + suffix));
    }
    const report = salvage(path.join(aside, path.basename(file)), file);
    problems.push(
      `database could not be opened (${error instanceof Error ? error.message : String(error)}); ` +
        `the damaged files were moved to ${aside} and what could be read was copied into a new database ` +
        `(${Object.entries(report.copied)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ')})`,
      ...report.problems,
    );
    return openChecked(file);
  }
}

/** Opens and reads the schema and the rooms table once, so that damage there shows now rather than at the first request. */
function openChecked(file: string): DatabaseSync {
  const db = openDatabase(file);
  try {
    prepareSchema(db);
    ensureIdentity(db);
    // The log was checked to belong here: merge it now, so the database file itself carries the identity.
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.prepare('SELECT count(*) FROM rooms').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
