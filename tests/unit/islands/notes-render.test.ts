/**
 * The notes and group steps rendered on the server (no DOM) for each role
 * against real Yjs documents: who sees which notes before and after reveal,
 * names on named and anonymous steps, the facilitator's tools, and inert user text.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../../src/i18n/index.ts';
import { GroupStep } from '../../../src/islands/steps/GroupStep.tsx';
import { NotesStep } from '../../../src/islands/steps/NotesStep.tsx';
import type { StepProps } from '../../../src/islands/steps/types.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import { Groups } from '../../../src/model/groups.ts';
import type { ParticipantId } from '../../../src/model/ids.ts';
import { Notes } from '../../../src/model/notes.ts';
import type { Role } from '../../../src/model/roles.ts';
import type { StepKind, StepOf, Workshop } from '../../../src/model/workshop.ts';
import type { RoomConnection } from '../../../src/sync/room-connection.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const silent: StepOf<'notes'> = {
  ...base('quiet'),
  kind: 'notes',
  length: 'short',
  silent: true,
  anonymous: false,
  maxPerPerson: 3,
  target: { min: 3, max: 6 },
};
const open: StepOf<'notes'> = { ...silent, id: 'open', silent: false, anonymous: true, maxPerPerson: undefined };
const sort: StepOf<'group'> = { ...base('sort'), kind: 'group', source: 'quiet' };
const workshop: Workshop = {
  id: 'notes-test',
  title: text('Notes'),
  summary: text('Notes'),
  minutes: 30,
  steps: [silent, open, sort],
};
const HOSTILE = '<img src=x onerror=alert(1)>';
const me = { id: 'me-000000000000000000' as ParticipantId, name: 'Ada' };
const bo = { id: 'bo-000000000000000000', name: 'Bo' };

function room() {
  const board = new Board(new Y.Doc());
  const control = new Control(new Y.Doc());
  const connection = { board, control, options: { room: 'room-1' } } as unknown as RoomConnection;
  return { notes: new Notes(board.doc), groups: new Groups(board.doc), connection };
}

function render<K extends StepKind>(
  component: FunctionComponent<StepProps<K>>,
  step: StepOf<K>,
  role: Role,
  connection: RoomConnection,
  tools = { revealed: false, locked: false },
): string {
  const props: StepProps<K> = {
    step,
    workshop,
    role,
    connection,
    locale: 'en',
    t: translator('en'),
    identity: me,
    renderedBodies: {},
    tools,
  };
  // The islands ask the rule table, which reads the current step and the lock
  // from the control document: render the step as the live one, locked or not.
  connection.control.goToStep(step.id);
  connection.control.setLocked(step.id, tools.locked);
  connection.control.setRevealed(step.id, tools.revealed);
  return renderToStaticMarkup(createElement(component, props));
}

describe('NotesStep on a silent step', () => {
  it('before reveal: the participant is told it is private; the wall shows only a calm waiting notice', () => {
    const { notes, connection } = room();
    notes.add(silent, 'Already shared by Bo', bo); // e.g. from before a Hide
    const participant = render(NotesStep, silent, 'participant', connection);
    expect(participant).toContain('Only you can see your notes until the facilitator reveals them.');
    expect(participant).not.toContain('Already shared by Bo');
    const wall = render(NotesStep, silent, 'projector', connection);
    expect(wall).toContain('Everyone is writing on their own');
    expect(wall).not.toContain('Already shared by Bo');
    expect(wall).not.toContain('<textarea');
  });

  it('after reveal: every role sees the notes with names, and the target as progress', () => {
    const { notes, connection } = room();
    notes.add(silent, 'Shared idea', bo);
    notes.add(silent, 'Mine', me);
    for (const role of ['participant', 'projector', 'facilitator'] as const) {
      const html = render(NotesStep, silent, role, connection, { revealed: true, locked: false });
      expect(html).toContain('Shared idea');
      expect(html).toContain('Bo');
      expect(html).toContain('2 notes — aim for 3–6');
      expect(html).not.toContain('Only you can see');
    }
    const participant = render(NotesStep, silent, 'participant', connection, { revealed: true, locked: false });
    expect(participant).toContain('Your notes: 1 of 3');
    expect(participant).toContain('By you');
  });
});

describe('NotesStep tools by role', () => {
  it('gives the facilitator edit, remove and merge on every note; a participant only on their own', () => {
    const { notes, connection } = room();
    notes.add(open, 'From Bo', bo);
    notes.add(open, 'From me', me);
    const facilitator = render(NotesStep, open, 'facilitator', connection);
    expect(facilitator).toContain('aria-label="Edit: “From Bo”"');
    expect(facilitator).toContain('aria-label="Merge “From Bo” into"');
    const participant = render(NotesStep, open, 'participant', connection);
    expect(participant).not.toContain('Edit: “From Bo”');
    expect(participant).not.toContain('Merge');
  });

  it('hides the form and the own-note tools from participants on a locked step', () => {
    const { notes, connection } = room();
    notes.add(open, 'From me', me);
    const html = render(NotesStep, open, 'participant', connection, { revealed: false, locked: true });
    expect(html).not.toContain('<textarea');
    expect(html).not.toContain('Edit: “From me”');
    const facilitator = render(NotesStep, open, 'facilitator', connection, { revealed: false, locked: true });
    expect(facilitator).toContain('Locked: participants can no longer add or change notes.');
    expect(facilitator).toContain('<textarea');
  });

  it('never shows a name on an anonymous step, and keeps user text inert', () => {
    const { notes, connection } = room();
    notes.add(open, HOSTILE, bo);
    for (const role of ['participant', 'projector', 'facilitator'] as const) {
      const html = render(NotesStep, open, role, connection);
      expect(html).not.toContain('>Bo<');
      expect(html).not.toContain(HOSTILE);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });
});

describe('GroupStep', () => {
  function arranged() {
    const r = room();
    const a = r.notes.add(silent, 'Fast answers', bo);
    r.notes.add(silent, 'Kind words', bo);
    const group = r.groups.addGroup(sort.id, 'Speed');
    if (a.ok) r.groups.moveNote(sort.id, a.note.id, group.id);
    return r;
  }

  it('shows groups with their notes and the ungrouped column to every role', () => {
    const { connection } = arranged();
    for (const role of ['participant', 'projector', 'facilitator'] as const) {
      const html = render(GroupStep, sort, role, connection);
      expect(html).toContain('Fast answers');
      expect(html).toContain('Kind words');
      expect(html).toContain('Not in a group');
    }
    expect(render(GroupStep, sort, 'projector', connection)).toMatch(/<h2[^>]*>Speed<\/h2>/);
  });

  it('offers keyboard moves and naming to participants, none on the wall or when locked', () => {
    const { connection } = arranged();
    const participant = render(GroupStep, sort, 'participant', connection);
    expect(participant).toContain('aria-label="Move “Kind words” to"');
    expect(participant).toContain('value="Speed"');
    expect(participant).toContain('draggable="true"');
    for (const html of [
      render(GroupStep, sort, 'projector', connection),
      render(GroupStep, sort, 'participant', connection, { revealed: false, locked: true }),
    ]) {
      expect(html).not.toContain('Move “');
      expect(html).not.toContain('New group');
      expect(html).not.toContain('draggable="true"');
    }
  });
});
