/**
 * Server-rendered smoke tests of the define and behaviours steps for each
 * role against real Yjs documents: what each role may see (no own definition
 * before the reveal, not even on the facilitator's console), that user text
 * stays inert, and that a consent step agrees on a define step's draft.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../../src/i18n/index.ts';
import { BehavioursStep } from '../../../src/islands/steps/BehavioursStep.tsx';
import { ConsentDraftEditor } from '../../../src/islands/steps/ConsentDraftEditor.tsx';
import { ConsentStep } from '../../../src/islands/steps/ConsentStep.tsx';
import { DefineStep } from '../../../src/islands/steps/DefineStep.tsx';
import type { StepProps } from '../../../src/islands/steps/types.ts';
import { Behaviours } from '../../../src/model/behaviours.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import { Define } from '../../../src/model/define.ts';
import type { ParticipantId } from '../../../src/model/ids.ts';
import type { Role } from '../../../src/model/roles.ts';
import type { StepToolsValue } from '../../../src/model/schema.ts';
import { workshopSchema, type StepKind, type StepOf, type Workshop } from '../../../src/model/workshop.ts';
import type { RoomConnection } from '../../../src/sync/room-connection.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const workshop: Workshop = workshopSchema.parse({
  id: 'define-test',
  title: text('Define'),
  summary: text('Define a word'),
  minutes: 60,
  steps: [
    {
      ...base('definition'),
      kind: 'define',
      term: text('service-minded'),
      draftInstruction: text('Write one definition together'),
      minWords: 3,
      maxWords: 6,
    },
    { ...base('agree'), kind: 'consent', statementStep: 'definition' },
    { ...base('actions'), kind: 'behaviours', source: 'definition', maxItems: 3 },
    { ...base('actions-agreed'), kind: 'behaviours', source: 'agree' },
    { ...base('actions-free'), kind: 'behaviours' },
  ],
});
const HOSTILE = '<img src=x onerror=alert(1)>';
const SECRET = 'only-on-my-device';
const me = { id: 'me-000000000000000000' as ParticipantId, name: 'Ada' };
const other = { id: 'other-participant', name: 'Bo' };

function room() {
  const board = new Board(new Y.Doc());
  const control = new Control(new Y.Doc());
  const connection = { board, control, options: { room: 'room-1' }, awareness: null } as unknown as RoomConnection;
  return {
    board,
    control,
    connection,
    define: new Define(board.doc),
    behaviours: new Behaviours(board.doc),
  };
}

function render<K extends StepKind>(
  component: FunctionComponent<StepProps<K>>,
  id: string,
  role: Role,
  connection: RoomConnection,
  tools: Partial<StepToolsValue> = {},
): string {
  const props: StepProps<K> = {
    step: workshop.steps.find((s) => s.id === id) as StepOf<K>,
    workshop,
    role,
    connection,
    locale: 'en',
    t: translator('en'),
    identity: me,
    renderedBodies: {},
    tools: { revealed: false, locked: false, ...tools },
  };
  // The islands ask the rule table, which reads the current step and the lock
  // from the control document: render the step as the live one, locked or not.
  connection.control.goToStep(id);
  connection.control.setLocked(id, props.tools.locked);
  connection.control.setRevealed(id, props.tools.revealed);
  return renderToStaticMarkup(createElement(component, props));
}

describe('DefineStep before the reveal', () => {
  it('gives a participant a private field with the banner, and no cards', () => {
    const html = render(DefineStep, 'definition', 'participant', room().connection);
    expect(html).toContain('Only you can see this until the facilitator reveals the definitions.');
    expect(html).toContain('Your definition of “service-minded”');
    expect(html).toContain('<textarea');
    expect(html).not.toContain('define-card');
    expect(html).not.toContain('One definition together');
  });

  it('shows the facilitator who is here and a reveal button, never a text', () => {
    const r = room();
    // Published earlier and hidden again: still not shown while hidden.
    r.define.publishOwn('definition', other, SECRET);
    const html = render(DefineStep, 'definition', 'facilitator', r.connection);
    expect(html).toContain('0 participants are here, each writing their own definition.');
    expect(html).toContain('Reveal the definitions');
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('<textarea');
  });

  it('gives the projector a waiting state', () => {
    const r = room();
    r.define.publishOwn('definition', other, SECRET);
    const html = render(DefineStep, 'definition', 'projector', r.connection);
    expect(html).toContain('Everyone writes their own definition of “service-minded”.');
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('<button');
  });
});

describe('DefineStep after the reveal', () => {
  const revealed = () => {
    const r = room();
    r.define.publishOwn('definition', other, HOSTILE, 1);
    r.define.publishOwn('definition', { id: 'anon', name: null }, 'Kind and clear', 2);
    r.define.publishOwn('definition', me, 'Solve it at once', 3);
    r.board.replaceStatementDraft('definition', 'We solve it kindly');
    r.control.saveStatementVersion('definition', 'We solve it', 10);
    return r;
  };

  it('shows every definition side by side with a name, “Anonymous” or “Yours”, escaped', () => {
    const html = render(DefineStep, 'definition', 'participant', revealed().connection, { revealed: true });
    expect(html).toContain('3 own definitions');
    expect(html).toContain('&lt;img');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('>Bo<');
    expect(html).toContain('>Anonymous<');
    expect(html).toContain('>Yours<');
    expect(html).toContain('Change my definition');
    expect(html).toMatch(/<textarea[^>]*class="statement-editor-field"[^>]*>We solve it kindly<\/textarea>/);
    expect(html).toContain('4 words — aim for 3–6');
    expect(html).not.toContain('Saved versions');
  });

  it('gives the facilitator the shared editor and the saved versions', () => {
    const html = render(DefineStep, 'definition', 'facilitator', revealed().connection, { revealed: true });
    expect(html).toContain('Our definition of “service-minded”');
    expect(html).toContain('Saved versions');
    expect(html).toContain('We solve it');
    expect(html).not.toContain('Change my definition');
  });

  it('shows the projector the cards and the live draft large, without controls', () => {
    const html = render(DefineStep, 'definition', 'projector', revealed().connection, { revealed: true });
    expect(html).toContain('define-agreed-text');
    expect(html).toContain('We solve it kindly');
    expect(html).toContain('Kind and clear');
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<textarea');
  });

  it('makes the draft read-only for participants of a locked step', () => {
    const html = render(DefineStep, 'definition', 'participant', revealed().connection, {
      revealed: true,
      locked: true,
    });
    expect(html).toContain('We solve it kindly');
    expect(html).not.toContain('<textarea');
    expect(html).not.toContain('Change my definition');
  });
});

describe('ConsentStep on a define step', () => {
  it('puts the agreed definition forward and edits it with the define step’s word target', () => {
    const r = room();
    r.board.replaceStatementDraft('definition', 'We solve it kindly');
    const facilitator = render(ConsentStep, 'agree', 'facilitator', r.connection);
    expect(facilitator).toContain('We solve it kindly');
    expect(facilitator).toContain('Put this to agreement');

    const step = workshop.steps.find((s) => s.id === 'definition') as StepOf<'define'>;
    const editor = renderToStaticMarkup(
      createElement(ConsentDraftEditor, {
        draft: r.board.statementDraft('definition'),
        statement: step,
        open: true,
        onToggle: () => {},
        hint: 'hint',
        locale: 'en',
        t: translator('en'),
      }),
    );
    expect(editor).toContain('4 words — aim for 3–6');
  });
});

describe('BehavioursStep', () => {
  const withList = () => {
    const r = room();
    r.board.replaceStatementDraft('definition', 'We solve it kindly');
    r.behaviours.add('actions', { text: 'Greet by name', how: 'Say it twice', signs: HOSTILE }, other, { now: 1 });
    r.behaviours.add('actions', { text: 'Follow up', how: '', signs: '' }, me, { now: 2 });
    return r;
  };

  it('shows the definition as the goal and the list in order, with moves and own edits', () => {
    const r = withList();
    r.behaviours.moveUp('actions', r.behaviours.list('actions')[1]!.id);
    const html = render(BehavioursStep, 'actions', 'participant', r.connection);
    expect(html).toContain('Our definition of “service-minded”');
    expect(html).toContain('We solve it kindly');
    expect(html.indexOf('Follow up')).toBeLessThan(html.indexOf('Greet by name'));
    expect(html).toContain('2 behaviours, most important first');
    expect(html).toContain('Move up: “Greet by name”');
    // Only my own behaviour can be edited or removed by me.
    expect(html).toContain('Edit: “Follow up”');
    expect(html).not.toContain('Edit: “Greet by name”');
    expect(html).toContain('&lt;img');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('Add behaviour');
  });

  it('lets the facilitator change every behaviour, even when the step is locked', () => {
    const html = render(BehavioursStep, 'actions', 'facilitator', withList().connection, { locked: true });
    expect(html).toContain('Edit: “Greet by name”');
    expect(html).toContain('Remove: “Follow up”');
    expect(html).toContain('Add behaviour');
  });

  it('makes the list read-only for participants of a locked step', () => {
    const html = render(BehavioursStep, 'actions', 'participant', withList().connection, { locked: true });
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<textarea');
    expect(html).toContain('Greet by name');
  });

  it('shows the projector a numbered list without controls', () => {
    const html = render(BehavioursStep, 'actions', 'projector', withList().connection);
    expect(html).toContain('<ol class="behaviours-list behaviours-list--projector">');
    expect(html).toContain('Say it twice');
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<textarea');
  });

  it('replaces the form with a notice once the list is full', () => {
    const r = withList();
    r.behaviours.add('actions', { text: 'Third', how: '', signs: '' }, me);
    const html = render(BehavioursStep, 'actions', 'participant', r.connection);
    expect(html).toContain('The list is full: 3 behaviours at most.');
    expect(html).not.toContain('Add behaviour');
  });

  it('takes the goal from what a consent step agreed on, and shows none without a source', () => {
    const r = room();
    r.board.replaceStatementDraft('definition', 'Draft still moving');
    r.control.propose('agree', 'The agreed words', 5);
    r.control.markAgreed('agree', 6);
    const agreed = render(BehavioursStep, 'actions-agreed', 'projector', r.connection);
    expect(agreed).toContain('The agreed words');
    expect(agreed).not.toContain('Draft still moving');
    const free = render(BehavioursStep, 'actions-free', 'projector', r.connection);
    expect(free).not.toContain('behaviours-goal');
    expect(free).toContain('Behaviours appear here as they are added.');
  });
});
