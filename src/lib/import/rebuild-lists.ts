/**
 * Writes the list activities of an export back into new documents: notes,
 * groups and who sits in them, dot votes, behaviours in priority order,
 * questions, and results brought along from earlier workshops. Items keep
 * their ids and times, so groups, votes and every screen's order still fit.
 */
import { Behaviours, RANK_STEP } from '../../model/behaviours.ts';
import { Control } from '../../model/control.ts';
import { Groups } from '../../model/groups.ts';
import { Notes } from '../../model/notes.ts';
import {
  behaviourValue,
  boardKeys,
  carriedValue,
  dotsValue,
  groupValue,
  importedTallyValue,
  noteValue,
  questionValue,
} from '../../model/schema.ts';
import type { StepOf } from '../../model/workshop.ts';
import type { ExportedStep } from '../export/schema.ts';
import { VoteResults } from '../../model/vote-results.ts';
import { validBallot } from '../../model/vote-rule.ts';
import { countVote } from '../vote-count.ts';
import { ms, refuse, uniqueIds, valid, type RebuildContext } from './context.ts';

type Exported<K extends ExportedStep['kind']> = Extract<ExportedStep, { kind: K }>;

export function rebuildNotes(ctx: RebuildContext, step: StepOf<'notes'>, exported: Exported<'notes'>): void {
  uniqueIds(exported.notes, `${ctx.field}.notes`);
  const map = new Notes(ctx.board).notesMap(step.id);
  exported.notes.forEach((note, i) => {
    const value = {
      id: note.id,
      text: note.text,
      authorId: ctx.people.next(),
      // The step's rule, not the file, decides: an anonymous step never gets a name.
      authorName: step.anonymous ? null : note.author,
      at: ms(note.at),
      editedAt: note.editedAt === null ? null : ms(note.editedAt),
      merged: note.merged,
    };
    map.set(note.id, valid(noteValue, value, `${ctx.field}.notes[${i}]`));
  });
  // Silent notes reach the board only when the step is revealed.
  if (step.silent && exported.notes.length > 0) new Control(ctx.control).setRevealed(step.id, true);
}

/** Groups in the export's order (given rising times, which is how screens order them), and each note's group. */
export function rebuildGroups(ctx: RebuildContext, step: StepOf<'group'>, exported: Exported<'group'>): void {
  uniqueIds(exported.groups, `${ctx.field}.groups`);
  const groups = new Groups(ctx.board);
  const noteIds = new Set(new Notes(ctx.board).notes(step.source).map((n) => n.id));
  const placed = new Set<string>();
  exported.groups.forEach((group, g) => {
    const field = `${ctx.field}.groups[${g}]`;
    groups
      .groupsMap(step.id)
      .set(group.id, valid(groupValue, { id: group.id, name: group.name, at: ctx.tick() }, field));
    group.notes.forEach((note, n) => {
      const noteField = `${field}.notes[${n}].id`;
      if (!noteIds.has(note.id)) refuse(noteField, `no note "${note.id}" in step "${step.source}"`);
      if (placed.has(note.id)) refuse(noteField, `note "${note.id}" is in two groups`);
      placed.add(note.id);
      groups.membersMap(step.id).set(note.id, group.id);
    });
  });
}

/**
 * A revealed vote comes back as the result it published: its totals are
 * carried as an imported tally (the ballots belong to no seat here), which
 * the server adds to whatever is voted in the new room. The ballots are
 * still checked against the step's rules, so a file the rules would count
 * differently is refused rather than half believed. A hidden vote brings
 * nothing: its result was never public.
 */
export function rebuildVote(ctx: RebuildContext, step: StepOf<'vote'>, exported: Exported<'vote'>): void {
  const itemIds = new Set(exported.ranking.map((item) => item.id));
  exported.ballots.forEach((dots, i) => {
    const field = `${ctx.field}.ballots[${i}]`;
    const unknown = Object.keys(dots).find((id) => !itemIds.has(id));
    if (unknown !== undefined) refuse(field, `no item "${unknown}" in the ranking`);
    const ballot = valid(dotsValue, { dots, name: null, at: ctx.tick() }, field);
    const counted = validBallot(ballot.dots, step, itemIds);
    if (!counted || counted.size === 0) {
      refuse(field, `a ballot may give at most ${step.budget} dots, ${step.maxPerItem ?? step.budget} per item`);
    }
  });
  if (!exported.revealed) return;
  const totals = Object.fromEntries(exported.ranking.filter((r) => r.dots > 0).map((r) => [r.id, r.dots]));
  const tally = valid(importedTallyValue, { totals, voters: exported.voters }, `${ctx.field}.ranking`);
  const results = new VoteResults(ctx.board);
  results.setImported(step.id, tally);
  // Published as the server would, so the new room shows the result before anyone votes again.
  const count = countVote(step, exported.ranking, [], tally);
  results.setVoters(step.id, count.voters);
  results.publish(step.id, count.result);
  new Control(ctx.control).setRevealed(step.id, true);
}

/** Behaviours in the export's priority order, spaced as if each was added at the end. */
export function rebuildBehaviours(ctx: RebuildContext, exported: Exported<'behaviours'>): void {
  uniqueIds(exported.items, `${ctx.field}.items`);
  const map = new Behaviours(ctx.board).map(exported.id);
  exported.items.forEach((item, i) => {
    const value = {
      id: item.id,
      text: item.text,
      how: item.how,
      signs: item.signs,
      rank: (i + 1) * RANK_STEP,
      authorId: ctx.people.next(),
      authorName: item.author,
      at: ms(item.at),
    };
    map.set(item.id, valid(behaviourValue, value, `${ctx.field}.items[${i}]`));
  });
}

export function rebuildQuestions(
  ctx: RebuildContext,
  step: StepOf<'questions'>,
  exported: Exported<'questions'>,
): void {
  uniqueIds(exported.items, `${ctx.field}.items`);
  const moments = new Set(step.moments.map((m) => m.id));
  const map = ctx.board.getMap(boardKeys.questions(step.id));
  exported.items.forEach((item, i) => {
    const field = `${ctx.field}.items[${i}]`;
    if (!moments.has(item.moment)) refuse(`${field}.moment`, `step "${step.id}" has no moment "${item.moment}"`);
    const value = {
      id: item.id,
      text: item.text,
      type: item.type,
      moment: item.moment,
      purpose: item.purpose,
      authorId: ctx.people.next(),
      authorName: item.author,
      at: ms(item.at),
    };
    map.set(item.id, valid(questionValue, value, field));
  });
}

/** Results brought along into the step, with their origin and time. */
export function rebuildCarried(ctx: RebuildContext, exported: ExportedStep): void {
  uniqueIds(exported.carried, `${ctx.field}.carried`);
  const items = exported.carried.map((item, i) =>
    valid(carriedValue, { ...item, at: ms(item.at) }, `${ctx.field}.carried[${i}]`),
  );
  new Control(ctx.control).addCarried(exported.id, items);
}
