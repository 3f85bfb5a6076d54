import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Control } from '../../../src/model/control.ts';
import { cachedRoomView, roomViewOf } from '../../../src/model/room-view.ts';
import { exchangeUpdates, loadFiveWhys } from '../../helpers/content.ts';

describe('cachedRoomView', () => {
  it('answers as the plain view, and follows every change of the control document, local or remote', () => {
    const workshop = loadFiveWhys();
    const [ladder, later] = [workshop.steps[1]!.id, workshop.steps[2]!.id];
    const doc = new Y.Doc();
    const control = new Control(doc);
    const view = cachedRoomView(workshop, control, 'key');
    const plain = () => roomViewOf(workshop, control, 'key');

    expect(view().currentStepId).toBe(plain().currentStepId);
    expect(view().tools(ladder)).toEqual({ revealed: false, locked: false });
    expect(view()).toBe(view()); // nothing changed: the same view

    control.goToStep(ladder);
    control.setLocked(ladder, true);
    expect(view().currentStepId).toBe(ladder);
    expect(view().tools(ladder)).toEqual({ revealed: false, locked: true });

    // A change arriving from elsewhere (the facilitator's update applied by the server).
    const facilitator = new Y.Doc();
    exchangeUpdates(doc, facilitator);
    const steer = new Control(facilitator);
    steer.setLocked(ladder, false);
    steer.goToStep(later);
    exchangeUpdates(facilitator, doc);
    expect(view().currentStepId).toBe(later);
    expect(view().tools(ladder)).toEqual(plain().tools(ladder));
    expect(view().pseudonym('seat', later)).toBe(plain().pseudonym('seat', later));
  });
});
