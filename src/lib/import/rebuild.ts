/**
 * Rebuilds a room's two documents from its JSON export, so a new room of the
 * same workshop starts where the old one stood: exporting it gives the same
 * JSON again (apart from the room id and its dates). Every value written is
 * checked with the documents' own schemas; the first problem stops the import
 * with an error naming the field, before anything is stored.
 */
import * as Y from 'yjs';
import { Control } from '../../model/control.ts';
import { teamNameValue } from '../../model/schema.ts';
import type { Workshop, WorkshopStep } from '../../model/workshop.ts';
import type { ExportedStep, ExportModel } from '../export/schema.ts';
import { ms, refuse, valid, type RebuildContext } from './context.ts';
import { ImportError } from './errors.ts';
import { ImportedPeople } from './people.ts';
import {
  rebuildBehaviours,
  rebuildCarried,
  rebuildGroups,
  rebuildNotes,
  rebuildQuestions,
  rebuildVote,
} from './rebuild-lists.ts';
import { rebuildConsent, rebuildDraft, rebuildLadder, rebuildOwnDefinitions } from './rebuild-texts.ts';

export type RebuiltDocs = { board: Y.Doc; control: Y.Doc };

/** `field`: where the export sits in the request, for error messages (e.g. `import`). */
export function rebuildRoom(model: ExportModel, workshop: Workshop, field: string): RebuiltDocs {
  if (model.workshop.id !== workshop.id) {
    throw new ImportError(
      'workshop_mismatch',
      `${field}.workshop.id`,
      `${field} is an export of the workshop "${model.workshop.id}" (${model.workshop.title}), not "${workshop.id}". ` +
        `Start a room of "${model.workshop.id}" to continue it.`,
    );
  }
  const pairs = pairSteps(model, workshop, field);
  const isAnonymous = (step: WorkshopStep) => step.kind === 'notes' && step.anonymous;
  const largestNamedStep = Math.max(
    0,
    ...pairs.filter((p) => !isAnonymous(p.step)).map((p) => p.exported.contributors),
  );
  const people = new ImportedPeople(model.participantCount, largestNamedStep);
  const docs: RebuiltDocs = { board: new Y.Doc(), control: new Y.Doc() };
  let clock = ms(model.createdAt);
  const tick = () => clock++;
  // One transaction per document: the import is one update each, stored before anyone can join.
  docs.board.transact(() =>
    docs.control.transact(() => {
      if (model.teamName !== null) {
        new Control(docs.control).setTeamName(valid(teamNameValue, model.teamName, `${field}.teamName`));
      }
      for (const { step, exported, index } of pairs) {
        const ctx: RebuildContext = {
          ...docs,
          workshop,
          people: people.forStep({ contributors: exported.contributors, anonymous: isAnonymous(step) }),
          field: `${field}.steps[${index}]`,
          tick,
        };
        rebuildCarried(ctx, exported);
        rebuildStep(ctx, step, exported);
      }
    }),
  );
  return docs;
}

type StepPair = { step: WorkshopStep; exported: ExportedStep; index: number };

/**
 * Each exported step with the installed workshop's step of the same id and
 * kind, in the workshop's order (later steps read earlier ones, e.g. a group
 * its notes). A step the workshop no longer has is refused: its content would be lost.
 */
function pairSteps(model: ExportModel, workshop: Workshop, field: string): StepPair[] {
  const seen = new Set<string>();
  const pairs = model.steps.map((exported, index): StepPair => {
    const at = `${field}.steps[${index}]`;
    if (seen.has(exported.id)) refuse(`${at}.id`, `the step "${exported.id}" is listed twice`);
    seen.add(exported.id);
    const step = workshop.steps.find((s) => s.id === exported.id);
    if (!step) refuse(`${at}.id`, `the workshop "${workshop.id}" installed here has no step "${exported.id}"`);
    if (step.kind !== exported.kind) {
      refuse(`${at}.kind`, `the step "${step.id}" is a ${step.kind} step in the workshop installed here`);
    }
    return { step, exported, index };
  });
  const order = (p: StepPair) => workshop.steps.indexOf(p.step);
  return pairs.sort((a, b) => order(a) - order(b));
}

function rebuildStep(ctx: RebuildContext, step: WorkshopStep, exported: ExportedStep): void {
  // pairSteps made sure the kinds match; the checks below only narrow both types together.
  switch (exported.kind) {
    case 'brief':
    case 'result':
      return;
    case 'ladder':
      return rebuildLadder(ctx, exported);
    case 'statement':
      return rebuildDraft(ctx, exported);
    case 'define':
      rebuildOwnDefinitions(ctx, exported);
      return rebuildDraft(ctx, exported);
    case 'consent':
      return rebuildConsent(ctx, exported);
    case 'notes':
      return step.kind === 'notes' ? rebuildNotes(ctx, step, exported) : undefined;
    case 'group':
      return step.kind === 'group' ? rebuildGroups(ctx, step, exported) : undefined;
    case 'vote':
      return step.kind === 'vote' ? rebuildVote(ctx, step, exported) : undefined;
    case 'behaviours':
      return rebuildBehaviours(ctx, exported);
    case 'questions':
      return step.kind === 'questions' ? rebuildQuestions(ctx, step, exported) : undefined;
  }
}
