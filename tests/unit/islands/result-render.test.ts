/**
 * The result step rendered for each role against real documents: the results
 * the workshop names, in its order, from the export model; poster links for
 * those who can open links; user text kept inert.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../../src/i18n/index.ts';
import { ResultStep } from '../../../src/islands/steps/ResultStep.tsx';
import { Behaviours } from '../../../src/model/behaviours.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import { Define } from '../../../src/model/define.ts';
import type { ParticipantId } from '../../../src/model/ids.ts';
import type { Role } from '../../../src/model/roles.ts';
import { workshopSchema, type StepOf, type Workshop } from '../../../src/model/workshop.ts';
import type { RoomConnection } from '../../../src/sync/room-connection.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(`Title of ${id}`), instruction: text(id) });
const HOSTILE = '<img src=x onerror=alert(1)>';

function workshop(show?: string[]): Workshop {
  return workshopSchema.parse({
    id: 'service',
    title: text('Service'),
    summary: text('Service'),
    minutes: 60,
    steps: [
      { ...base('ideas'), kind: 'notes' },
      {
        ...base('definition'),
        kind: 'define',
        term: text('service-minded'),
        draftInstruction: text('Write one'),
        minWords: 3,
        maxWords: 30,
      },
      { ...base('agreement'), kind: 'consent', statementStep: 'definition' },
      { ...base('behaviours'), kind: 'behaviours', source: 'definition' },
      { ...base('result'), kind: 'result', ...(show ? { show } : {}) },
    ],
  });
}

function room(invite?: string) {
  const board = new Board(new Y.Doc());
  const control = new Control(new Y.Doc());
  const connection = { board, control, options: { room: 'room-1', invite } } as unknown as RoomConnection;
  return { board, control, connection };
}

function render(w: Workshop, role: Role, connection: RoomConnection): string {
  const step = w.steps.find((s) => s.kind === 'result') as StepOf<'result'>;
  return renderToStaticMarkup(
    createElement(ResultStep, {
      step,
      workshop: w,
      role,
      connection,
      locale: 'en',
      t: translator('en'),
      identity: { id: 'me-000000000000000000' as ParticipantId, name: 'Ada' },
      renderedBodies: {},
      tools: { revealed: false, locked: false },
    }),
  );
}

function agreedRoom(invite?: string) {
  const r = room(invite);
  new Define(r.board.doc).agreedDraft('definition').insert(0, 'Seeing it from the customer’s side');
  r.control.propose('agreement', 'Seeing it from the customer’s side', 100);
  r.control.markAgreed('agreement', 200);
  new Behaviours(r.board.doc).add(
    'behaviours',
    { text: 'We call back', how: 'Within a day', signs: 'Nobody chases us' },
    { id: 'a', name: null },
  );
  return r;
}

describe('ResultStep', () => {
  it('shows the steps named in `show`, in that order, with the definition large and the behaviours in full', () => {
    const html = render(workshop(['behaviours', 'agreement', 'ideas']), 'projector', agreedRoom().connection);
    const behaviours = html.indexOf('Our behaviours, most important first');
    const definition = html.indexOf('Our definition of “service-minded”');
    expect(behaviours).toBeGreaterThan(-1);
    expect(definition).toBeGreaterThan(behaviours);
    expect(html).toContain('Seeing it from the customer’s side');
    expect(html).toMatch(/Agreed [^<]+/);
    expect(html).toContain('We call back');
    expect(html).toContain('How we do it');
    expect(html).toContain('Within a day');
    // The notes step has nothing yet: it says so under its own title.
    expect(html).toContain('Title of ideas');
    expect(html).toContain('Nothing here yet.');
  });

  it('marks a draft as not agreed in words', () => {
    const r = room();
    new Define(r.board.doc).agreedDraft('definition').insert(0, 'A draft');
    const html = render(workshop(), 'participant', r.connection);
    expect(html).toContain('Not yet agreed');
    // Named as what it will be once agreed; the line above the text says it is not yet.
    expect(html).toContain('Our definition of “service-minded”');
  });

  it('offers posters to a participant with the link’s invite, and none on the projector', () => {
    const { connection } = agreedRoom('inv-1');
    const participant = render(workshop(), 'participant', connection);
    expect(participant).toContain('href="/r/room-1/poster?format=a4&amp;invite=inv-1"');
    expect(participant).toContain('href="/r/room-1/poster?format=screen&amp;invite=inv-1"');
    expect(participant).toContain('href="/r/room-1/poster?format=a4&amp;result=definition&amp;invite=inv-1"');
    expect(participant).not.toContain('/export');
    expect(render(workshop(), 'projector', connection)).not.toContain('/poster');
  });

  it('shows the team name and keeps user text inert', () => {
    const r = agreedRoom();
    r.control.setTeamName(`Team ${HOSTILE}`);
    const html = render(workshop(), 'projector', r.connection);
    expect(html).toContain('Team: Team &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('says when nothing has been agreed yet', () => {
    expect(render(workshop(), 'participant', room().connection)).toContain('Nothing has been agreed yet');
  });
});
