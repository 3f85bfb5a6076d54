/**
 * The one export model, built from a room's two documents (never from a page),
 * so every format says the same thing: the agreed results first, then every
 * step's material. Its shape is `exportSchema` (schema.ts), versioned.
 */
import type * as Y from 'yjs';
import { Control } from '../../model/control.ts';
import type { Locale } from '../../model/locale.ts';
import type { Workshop, WorkshopStep } from '../../model/workshop.ts';
import { stepContributors } from '../contributors.ts';
import { agreedResults, type Rankings } from './results.ts';
import { carriedOf, iso, readBehaviours, readGroups, readNotes, readQuestions, type ExportDocs } from './read-lists.ts';
import { readConsent, readDraft, readLadder, readOwnDefinitions } from './read-texts.ts';
import { readVote } from './read-vote.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './formats.ts';
import type { ExportedStep, ExportModel } from './schema.ts';

export { EXPORT_FORMAT, EXPORT_VERSION };
export type { ExportedResult, ExportedStep, ExportModel } from './schema.ts';

export type ExportInput = {
  room: string;
  workshop: Workshop;
  locale: Locale;
  createdAt: number;
  board: Y.Doc;
  control: Y.Doc;
  now?: number;
  /** IANA zone for the times the human formats show; the room language's zone when absent. */
  timeZone?: string;
};

/** Where teams that speak the room's language usually are. English rooms get UTC: we cannot know. */
export const DEFAULT_TIME_ZONES: Record<Locale, string> = {
  da: 'Europe/Copenhagen',
  nb: 'Europe/Oslo',
  en: 'UTC',
};

export function buildExport(input: ExportInput): ExportModel {
  const docs: ExportDocs = { board: input.board, control: input.control };
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONES[input.locale];
  // Throws a RangeError for a zone Intl does not know, before anything is rendered with it.
  new Intl.DateTimeFormat('en', { timeZone });
  const rankings: Rankings = new Map();
  const steps = input.workshop.steps.map((step) => exportStep(step, input, docs, rankings));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    room: input.room,
    workshop: { id: input.workshop.id, title: input.workshop.title[input.locale] },
    teamName: new Control(input.control).teamName(),
    locale: input.locale,
    timeZone,
    createdAt: iso(input.createdAt),
    exportedAt: iso(input.now ?? Date.now()),
    participantCount: countParticipants(input.workshop, docs),
    results: agreedResults(steps, rankings),
    steps,
  };
}

function exportStep(step: WorkshopStep, input: ExportInput, docs: ExportDocs, rankings: Rankings): ExportedStep {
  const { locale, workshop } = input;
  const base = {
    id: step.id,
    title: step.title[locale],
    carried: carriedOf(step.id, docs),
    contributors: stepContributors(step, docs).size,
  };
  switch (step.kind) {
    case 'brief':
    case 'result':
      return { ...base, kind: step.kind };
    case 'ladder':
      return { ...base, kind: 'ladder', ...readLadder(step, locale, docs) };
    case 'statement':
      return { ...base, kind: 'statement', ...readDraft(step, docs) };
    case 'consent':
      return { ...base, kind: 'consent', ...readConsent(step, docs) };
    case 'notes':
      // Hidden work is absent until revealed: silent notes, should any sit on the board while hidden.
      return {
        ...base,
        kind: 'notes',
        anonymous: step.anonymous,
        notes: step.silent && !revealed(step.id, docs) ? [] : readNotes(step, docs),
      };
    case 'group':
      return { ...base, kind: 'group', source: step.source, ...readGroups(step, workshop, docs) };
    case 'vote': {
      const vote = readVote(step, workshop, locale, docs, base.title, base.carried);
      if (!vote) throw new Error(`vote step "${step.id}" has no source step "${step.source}" it can read`);
      rankings.set(step.id, vote.ranked);
      return { ...vote.step, contributors: base.contributors };
    }
    case 'define':
      return {
        ...base,
        kind: 'define',
        term: step.term[locale],
        ownDefinitions: revealed(step.id, docs) ? readOwnDefinitions(step, docs) : [],
        ...readDraft(step, docs),
      };
    case 'behaviours':
      return { ...base, kind: 'behaviours', items: readBehaviours(step, docs) };
    case 'questions':
      return { ...base, kind: 'questions', ...readQuestions(step, locale, docs) };
  }
}

const revealed = (stepId: string, docs: ExportDocs): boolean => new Control(docs.control).stepTools(stepId).revealed;

/**
 * People who contributed anywhere. Anonymous steps store a pseudonym per step
 * (a vote only a count) that cannot be linked to anyone, so they are not added up with the rest:
 * the count is at least the largest of them (a lower bound, never inflated).
 */
function countParticipants(workshop: Workshop, docs: ExportDocs): number {
  const named = new Set<string>();
  let largestAnonymous = 0;
  for (const step of workshop.steps) {
    const ids = stepContributors(step, docs);
    if ((step.kind === 'notes' && step.anonymous) || step.kind === 'vote')
      largestAnonymous = Math.max(largestAnonymous, ids.size);
    else for (const id of ids) named.add(id);
  }
  return Math.max(named.size, largestAnonymous);
}
