/**
 * Smoke tests of the step components: server-rendered (no DOM needed) for
 * each role against real Yjs documents, checking what each role may see and
 * that user text stays inert.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../../src/i18n/index.ts';
import { BriefStep } from '../../../src/islands/steps/BriefStep.tsx';
import { ConsentDraftEditor } from '../../../src/islands/steps/ConsentDraftEditor.tsx';
import { ConsentStep } from '../../../src/islands/steps/ConsentStep.tsx';
import { LadderLateNotice } from '../../../src/islands/steps/LadderLateNotice.tsx';
import { LadderStep } from '../../../src/islands/steps/LadderStep.tsx';
import { ResultStep } from '../../../src/islands/steps/ResultStep.tsx';
import { StatementStep } from '../../../src/islands/steps/StatementStep.tsx';
import type { StepProps } from '../../../src/islands/steps/types.ts';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import type { ParticipantId } from '../../../src/model/ids.ts';
import type { Role } from '../../../src/model/roles.ts';
import type { StepKind, StepOf, Workshop } from '../../../src/model/workshop.ts';
import type { RoomConnection } from '../../../src/sync/room-connection.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const workshop: Workshop = {
  id: 'five-whys',
  title: text('5 × why'),
  summary: text('Find your purpose'),
  minutes: 60,
  steps: [
    { ...base('intro'), kind: 'brief', body: text('Hello'), prompt: text('What do you do all day?') },
    {
      ...base('why'),
      kind: 'ladder',
      depth: 2,
      startQuestion: text('Why do we answer?'),
      followUpQuestion: text('Why {answer}?'),
    },
    { ...base('write'), kind: 'statement', minWords: 3, maxWords: 5, tooLongHint: text('Keep it simple') },
    { ...base('agree'), kind: 'consent', statementStep: 'write' },
    { ...base('end'), kind: 'result' },
  ],
};
const HOSTILE = '<img src=x onerror=alert(1)>';
const me = { id: 'me-000000000000000000' as ParticipantId, name: 'Ada' };

function room() {
  const board = new Board(new Y.Doc());
  const control = new Control(new Y.Doc());
  const connection = { board, control, options: { room: 'room-1' } } as unknown as RoomConnection;
  return { board, control, connection };
}

function render<K extends StepKind>(
  component: FunctionComponent<StepProps<K>>,
  id: string,
  role: Role,
  connection: RoomConnection,
): string {
  const step = workshop.steps.find((s) => s.id === id) as StepOf<K>;
  const props: StepProps<K> = {
    step,
    workshop,
    role,
    connection,
    locale: 'en',
    t: translator('en'),
    identity: me,
    renderedBodies: { intro: '<p>Story <strong>here</strong></p>' },
    tools: { revealed: false, locked: false },
  };
  return renderToStaticMarkup(createElement(component, props));
}

describe('BriefStep', () => {
  it('renders the server-rendered body and the prompt', () => {
    const html = render(BriefStep, 'intro', 'participant', room().connection);
    expect(html).toContain('<strong>here</strong>');
    expect(html).toContain('What do you do all day?');
    expect(html).toContain('Talk it over');
  });
});

describe('LadderStep', () => {
  const setup = () => {
    const r = room();
    r.board.addLadderAnswer('why', 0, HOSTILE, { id: 'other', name: 'Bo' });
    const mine = r.board.addLadderAnswer('why', 0, 'to help', me);
    if (mine) r.board.toggleLadderSupport('why', mine.id, 'other');
    return r;
  };

  it('lets the facilitator pick, remove and support, and escapes answers', () => {
    const html = render(LadderStep, 'why', 'facilitator', setup().connection);
    expect(html).toContain('Why do we answer?');
    expect(html).toContain('aria-current="step"');
    expect(html).toContain('Pick for the next why');
    expect(html).toContain('aria-pressed="false"');
    expect(html).toContain('Your answer');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img');
  });

  it('gives participants support and removal of their own answers only', () => {
    const html = render(LadderStep, 'why', 'participant', setup().connection);
    expect(html).not.toContain('Pick for the next why');
    // Two answers, one of them mine: exactly one remove button.
    expect(html.split('Remove<').length - 1).toBe(1);
    expect(html.split('aria-pressed=').length - 1).toBe(2);
  });

  it('shows the projector cards with support counts and no controls', () => {
    const html = render(LadderStep, 'why', 'projector', setup().connection);
    expect(html).toContain('1 supporter');
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<textarea');
  });

  it('emphasises the final answer once the ladder is complete', () => {
    const r = setup();
    r.control.pickLadderAnswer('why', 0, 'a1', 'we care.');
    r.control.pickLadderAnswer('why', 1, 'a2', 'people matter');
    const html = render(LadderStep, 'why', 'participant', r.connection);
    expect(html).toContain('Why we care?');
    expect(html).toContain('The raw material for your purpose');
    expect(html).toContain('people matter');
    expect(html).not.toContain('<textarea');
  });
});

describe('LadderStep: answers not carried on', () => {
  const closedRound = () => {
    const r = room();
    const theirs = r.board.addLadderAnswer('why', 0, HOSTILE, { id: 'other', name: 'Bo' }, 1)!;
    const mine = r.board.addLadderAnswer('why', 0, 'to help', me, 2)!;
    r.board.toggleLadderSupport('why', theirs.id, 'someone');
    r.control.pickLadderAnswer('why', 0, mine.id, mine.text);
    // Sent as the pick was on its way: it still carries the closed round's number.
    r.board.addLadderAnswer('why', 0, 'just too late', me, 3);
    r.board.addLadderAnswer('why', 1, 'an answer to the new question', { id: 'other', name: 'Bo' }, 4);
    return r;
  };
  const details = (html: string) => html.slice(html.indexOf('<details'), html.indexOf('</details>'));

  it.each(['facilitator', 'participant', 'projector'] as const)(
    'lists them, folded, under the closed rung for the %s',
    (role) => {
      const html = render(LadderStep, 'why', role, closedRound().connection);
      expect(html.split('<details').length - 1).toBe(1);
      const others = details(html);
      expect(others).toContain('<summary class="ladder-others-summary">Other answers (2)</summary>');
      expect(others).toContain('just too late');
      expect(others).toContain('&lt;img');
      expect(others).not.toContain(HOSTILE);
      // The carried-on answer and the open round's answers are not repeated there.
      expect(others).not.toContain('to help');
      expect(others).not.toContain('an answer to the new question');
      expect(others).not.toContain('<button');
    },
  );

  it('names authors and support for the people in the room, not on the wall', () => {
    const participant = details(render(LadderStep, 'why', 'participant', closedRound().connection));
    expect(participant).toContain('Bo · 1 supporter');
    expect(participant).toContain('By you');
    const projector = details(render(LadderStep, 'why', 'projector', closedRound().connection));
    expect(projector).not.toContain('Bo');
    expect(projector).not.toContain('By you');
    expect(projector).not.toContain('supporter');
  });

  it('adds no list under a rung whose only answer was carried on, nor under the open rung', () => {
    const r = room();
    const only = r.board.addLadderAnswer('why', 0, 'the only one', me)!;
    r.control.pickLadderAnswer('why', 0, only.id, only.text);
    r.board.addLadderAnswer('why', 1, 'open round', me);
    expect(render(LadderStep, 'why', 'participant', r.connection)).not.toContain('<details');
  });

  it('keeps the last rung’s other answers once the ladder is complete', () => {
    const r = closedRound();
    const carried = r.board.ladderAnswers('why').find((a) => a.round === 1)!;
    r.control.pickLadderAnswer('why', 1, carried.id, carried.text);
    r.board.addLadderAnswer('why', 1, 'sent as it completed', me, 5);
    const html = render(LadderStep, 'why', 'projector', r.connection);
    expect(html).toContain('The why-ladder is complete');
    expect(html.split('<details').length - 1).toBe(2);
    expect(html).toContain('Other answers (1)');
    expect(html).toContain('sent as it completed');
  });

  it('renders no notice before any answer was seen arriving late', () => {
    const html = render(LadderStep, 'why', 'participant', closedRound().connection);
    expect(html).toContain('<ul class="ladder-late" aria-live="polite"></ul>');
    expect(render(LadderStep, 'why', 'projector', closedRound().connection)).not.toContain('ladder-late');
  });
});

describe('LadderLateNotice', () => {
  const late = { id: 'a1', round: 0, text: HOSTILE, authorId: me.id, authorName: 'Ada', at: 1 };
  const notice = (canRepost: boolean) =>
    renderToStaticMarkup(
      createElement(LadderLateNotice, {
        answers: [late],
        canRepost,
        onRepost: () => {},
        onDismiss: () => {},
        t: translator('en'),
      }),
    );

  it('tells the author, politely, and offers to post it for the open question or to dismiss', () => {
    const html = notice(true);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('Your answer “&lt;img src=x onerror=alert(1)&gt;” arrived just as the round closed.');
    expect(html).toContain('>Post it for this question</button>');
    expect(html).toContain('aria-label="Post it for this question: “&lt;img');
    expect(html).toContain('>Dismiss</button>');
    expect(html).not.toContain(HOSTILE);
  });

  it('offers only Dismiss once the ladder is complete', () => {
    const html = notice(false);
    expect(html).not.toContain('Post it for this question');
    expect(html).toContain('>Dismiss</button>');
  });
});

describe('StatementStep', () => {
  it('counts words, shows the KISS hint and the ladder inspiration', () => {
    const r = room();
    r.board.replaceStatementDraft('write', 'We help people find their way every single day');
    r.control.pickLadderAnswer('why', 0, 'a1', 'people matter');
    const html = render(StatementStep, 'write', 'participant', r.connection);
    expect(html).toContain('9 words — aim for 3–5');
    expect(html).toContain('Too long');
    expect(html).toContain('Keep it simple');
    expect(html).toContain('people matter');
    expect(html).not.toContain('Save version');
  });

  it('gives the facilitator versions, and the projector the sentence only', () => {
    const r = room();
    r.board.replaceStatementDraft('write', 'We help');
    r.control.saveStatementVersion('write', 'We help', 0);
    const facilitator = render(StatementStep, 'write', 'facilitator', r.connection);
    expect(facilitator).toContain('Save version');
    expect(facilitator).toContain('Restore');
    const projector = render(StatementStep, 'write', 'projector', r.connection);
    expect(projector).toContain('We help');
    expect(projector).toContain('2 words');
    expect(projector).not.toContain('<textarea');
  });
});

describe('ConsentStep', () => {
  it('waits for a proposal, then shows it with the tally and objections', () => {
    const r = room();
    expect(render(ConsentStep, 'agree', 'participant', r.connection)).toContain('Waiting for the facilitator');
    r.board.replaceStatementDraft('write', 'We help people');
    r.control.propose('agree', 'We help people', 100);
    r.board.castConsent('agree', { id: 'other', name: null }, 'object', HOSTILE, 100);
    r.board.castConsent('agree', me, 'agree', '', 100);
    const html = render(ConsentStep, 'agree', 'participant', r.connection);
    expect(html).toContain('We help people');
    expect(html).toContain('Anonymous');
    expect(html).toContain('&lt;img');
    expect(html).toContain('Your answer: Agree.');
    expect(html).toContain('role="radiogroup"');
    expect(html).not.toContain('Mark as agreed');
  });

  it('lets the facilitator mark as agreed, and shows the agreed sentence', () => {
    const r = room();
    r.board.replaceStatementDraft('write', 'We help people');
    r.control.propose('agree', 'We help people', 100);
    expect(render(ConsentStep, 'agree', 'facilitator', r.connection)).toContain('Mark as agreed');
    r.control.markAgreed('agree', 200);
    const html = render(ConsentStep, 'agree', 'projector', r.connection);
    expect(html).toContain('Agreed');
    expect(html).not.toContain('<form');
  });
});

describe('ConsentStep: editing the sentence in place', () => {
  const proposed = () => {
    const r = room();
    r.board.replaceStatementDraft('write', 'We help people');
    r.control.propose('agree', 'We help people', 100);
    return r;
  };
  const toggle = /<button type="button" class="steps-button" aria-expanded="false">Edit the sentence<\/button>/;

  it('offers the facilitator and participants a closed "Edit the sentence" toggle, not the projector', () => {
    const r = proposed();
    expect(render(ConsentStep, 'agree', 'facilitator', r.connection)).toMatch(toggle);
    expect(render(ConsentStep, 'agree', 'participant', r.connection)).toMatch(toggle);
    const projector = render(ConsentStep, 'agree', 'projector', r.connection);
    expect(projector).not.toContain('Edit the sentence');
    expect(projector).not.toContain('<textarea');
  });

  it('keeps participants out of the draft once the sentence is agreed', () => {
    const r = proposed();
    r.control.markAgreed('agree', 200);
    expect(render(ConsentStep, 'agree', 'participant', r.connection)).not.toContain('Edit the sentence');
    expect(render(ConsentStep, 'agree', 'facilitator', r.connection)).toContain('Edit the sentence');
  });

  it('opens the shared editor of the statement step, labelled and with its word count', () => {
    const r = proposed();
    const step = workshop.steps.find((s) => s.id === 'write') as StepOf<'statement'>;
    const html = renderToStaticMarkup(
      createElement(ConsentDraftEditor, {
        draft: r.board.statementDraft('write'),
        statement: step,
        open: true,
        onToggle: () => {},
        hint: 'hint text',
        locale: 'en',
        t: translator('en'),
      }),
    );
    expect(html).toContain('aria-expanded="true"');
    const panel = /aria-controls="([^"]+)"/.exec(html)?.[1];
    expect(panel).toBeTruthy();
    expect(html).toContain(`id="${panel}"`);
    expect(html).toContain('>Our sentence</label>');
    expect(html).toMatch(/<textarea[^>]*class="statement-editor-field"[^>]*>We help people<\/textarea>/);
    expect(html).toContain('3 words — aim for 3–5');
    expect(html).toContain('hint text');
  });
});

describe('ResultStep', () => {
  it('labels a sentence not yet agreed and offers exports to the facilitator', () => {
    const r = room();
    r.board.replaceStatementDraft('write', 'We help people');
    const html = render(ResultStep, 'end', 'facilitator', r.connection);
    expect(html).toContain('Not yet agreed');
    expect(html).toContain('/api/rooms/room-1/export?format=md');
    expect(html).toContain('/api/rooms/room-1/export?format=json');
    expect(render(ResultStep, 'end', 'participant', r.connection)).not.toContain('/export');
  });

  it('shows the agreed sentence and the ladder', () => {
    const r = room();
    r.control.pickLadderAnswer('why', 0, 'a1', 'we care');
    r.control.propose('agree', 'We help people grow', 100);
    r.control.markAgreed('agree', 200);
    const html = render(ResultStep, 'end', 'projector', r.connection);
    expect(html).toContain('Our purpose');
    expect(html).toContain('We help people grow');
    expect(html).not.toContain('Not yet agreed');
    expect(html).toContain('we care');
  });
});
