/** Shared fixtures for unit tests: the real workshop content and two-client Yjs sync. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as Y from 'yjs';
import { workshopSchema, type StepOf, type Workshop } from '../../src/model/workshop.ts';

export const WORKSHOPS_DIR = fileURLToPath(new URL('../../workshops/', import.meta.url));
export const FIVE_WHYS_FILE = path.join(WORKSHOPS_DIR, 'five-whys.yaml');

export const readFiveWhysYaml = (): string => fs.readFileSync(FIVE_WHYS_FILE, 'utf8');

/** The parsed YAML before validation, for tests that break one field. */
export const readFiveWhysRaw = (): Record<string, unknown> => parse(readFiveWhysYaml()) as Record<string, unknown>;

export const loadFiveWhys = (): Workshop => workshopSchema.parse(readFiveWhysRaw());

export function fiveWhysLadder(): StepOf<'ladder'> {
  const step = loadFiveWhys().steps.find((s) => s.kind === 'ladder');
  if (step?.kind !== 'ladder') throw new Error('five-whys.yaml has no ladder step');
  return step;
}

/** Sends each document the updates it is missing, both ways, as two connected clients would. */
export function exchangeUpdates(a: Y.Doc, b: Y.Doc): void {
  const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, forB);
  Y.applyUpdate(a, forA);
}

/** Two replicas of one document that start from the same synced state. */
export function twoReplicas(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  exchangeUpdates(a, b);
  return [a, b];
}
