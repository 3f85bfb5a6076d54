/**
 * The tools' pieces that render inside the room views, server-rendered
 * against real Yjs documents: results brought along, the lock notice and a
 * locked ladder step for participants.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../../src/i18n/index.ts';
import { CarriedPanel } from '../../../src/islands/steps/CarriedPanel.tsx';
import { LadderStep } from '../../../src/islands/steps/LadderStep.tsx';
import { LockNotice } from '../../../src/islands/tools/LockNotice.tsx';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import type { ParticipantId } from '../../../src/model/ids.ts';
import type { Role } from '../../../src/model/roles.ts';
import type { StepOf, Workshop, WorkshopStep } from '../../../src/model/workshop.ts';
import type { RoomConnection } from '../../../src/sync/room-connection.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const ladder: StepOf<'ladder'> = {
  id: 'why',
  title: text('Why'),
  instruction: text('Ask why'),
  kind: 'ladder',
  depth: 3,
  startQuestion: text('Why do we answer?'),
  followUpQuestion: text('Why {answer}?'),
  carryIn: ['purpose-seed'],
};
const workshop: Workshop = { id: 'w', title: text('W'), summary: text('S'), minutes: 30, steps: [ladder] };
const HOSTILE = '<img src=x onerror=alert(1)>';
const t = translator('en');

function room() {
  const board = new Board(new Y.Doc());
  const control = new Control(new Y.Doc());
  const connection = { board, control, options: { room: 'room-1' } } as unknown as RoomConnection;
  return { board, control, connection };
}

const carried = (step: WorkshopStep, role: Role, connection: RoomConnection) =>
  renderToStaticMarkup(createElement(CarriedPanel, { step, role, connection, t }));

describe('CarriedPanel', () => {
  it('shows nothing until something was brought along', () => {
    expect(carried(ladder, 'participant', room().connection)).toBe('');
  });

  it('shows what was brought, with where it came from, as text only', () => {
    const { control, connection } = room();
    control.addCarried('why', [
      { id: 'a', text: 'We make the customer’s day easier', detail: HOSTILE, from: 'Good examples, 3 March' },
    ]);
    const html = carried(ladder, 'participant', connection);
    expect(html).toContain('Brought along from an earlier workshop');
    expect(html).toContain('We make the customer’s day easier');
    expect(html).toContain('From Good examples, 3 March');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('<button');
  });

  it('lets only the facilitator take an item out', () => {
    const { control, connection } = room();
    control.addCarried('why', [{ id: 'a', text: 'Ro i maven', from: 'Workshop' }]);
    expect(carried(ladder, 'facilitator', connection)).toContain('Remove “Ro i maven”');
    expect(carried(ladder, 'projector', connection)).not.toContain('<button');
  });

  it('stays hidden on a step that takes nothing in, even if the document has items', () => {
    const { control, connection } = room();
    control.addCarried('why', [{ id: 'a', text: 'Ro i maven', from: 'Workshop' }]);
    const { carryIn: _ignored, ...plain } = ladder;
    expect(carried(plain, 'participant', connection)).toBe('');
  });
});

describe('locked steps for participants', () => {
  it('shows the notice only when the step is locked', () => {
    const { control, connection } = room();
    const notice = () => renderToStaticMarkup(createElement(LockNotice, { t, connection, stepId: 'why' }));
    expect(notice()).toBe('');
    control.setLocked('why', true);
    expect(notice()).toContain('This step is locked.');
  });

  it('disables the ladder’s answer field and support for participants, not for the facilitator', () => {
    const { board, control, connection } = room();
    board.addLadderAnswer('why', 0, 'vi hjælper', { id: 'other', name: 'Bo' });
    // The island reads the lock from the control document (the rule table), as the server does.
    const render = (role: Role, locked: boolean) => {
      control.setLocked('why', locked);
      return renderToStaticMarkup(
        createElement(LadderStep, {
          step: ladder,
          workshop,
          role,
          connection,
          locale: 'en',
          t,
          identity: { id: 'me-000000000000000000' as ParticipantId, name: 'Ada' },
          renderedBodies: {},
          tools: { revealed: false, locked },
        }),
      );
    };
    expect(render('participant', false)).not.toMatch(/<textarea[^>]*disabled/);
    expect(render('participant', true)).toMatch(/<textarea[^>]*disabled/);
    expect(render('participant', true)).toMatch(/<button[^>]*aria-pressed="false"[^>]*disabled/);
    expect(render('facilitator', true)).not.toMatch(/<textarea[^>]*disabled/);
  });
});
