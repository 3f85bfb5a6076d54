import { useId, useMemo, useState } from 'react';
import { Groups } from '../../model/groups.ts';
import { stepOfKind } from '../../model/workshop-steps.ts';
import { useShared } from '../../sync/hooks.ts';
import { announce } from '../announce.ts';
import { GroupColumn } from './GroupColumn.tsx';
import { GroupNameField } from './GroupNameField.tsx';
import { UNGROUPED, type MoveChoice } from './GroupNoteCard.tsx';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';
import { useStepOpen } from './use-step-open.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

/** Sort the notes of an earlier notes step into groups, and name what each group has in common. */
export function GroupStep({ step, workshop, role, connection, locale, t, tools, identity }: StepProps<'group'>) {
  const model = useMemo(() => new Groups(connection.board.doc), [connection.board]);
  const source = stepOfKind(workshop, step.source, 'notes');
  const baseId = useId();
  const [focusGroup, setFocusGroup] = useState<string | null>(null);
  const [focusNote, setFocusNote] = useState<string | null>(null);
  const arrangement = useShared(
    [model.groupsMap(step.id), model.membersMap(step.id), model.sourceNotesMap(step.source)],
    () => model.arrangement(step.id, step.source),
  );
  const editable = useStepOpen({ step, workshop, role, connection, identity }, 'groups').ok;

  const groupLabel = (name: string, index: number) => name || t('group.unnamed', { number: index + 1 });
  const choices: MoveChoice[] = [
    { value: UNGROUPED, label: t('group.ungrouped') },
    ...arrangement.groups.map(({ group }, index) => ({ value: group.id, label: groupLabel(group.name, index) })),
  ];
  const groupCount = arrangement.groups.length;
  const totalNotes = arrangement.ungrouped.length + arrangement.groups.reduce((sum, g) => sum + g.notes.length, 0);
  useAnnouncement(groupCount, (before, after) =>
    after > before ? t('group.announceAdded') : after < before ? t('group.announceRemoved') : null,
  );

  const move = (noteId: string, target: string) => {
    if (!model.moveNote(step.id, noteId, target === UNGROUPED ? null : target)) return;
    setFocusNote(noteId);
    const label = choices.find((c) => c.value === target)?.label ?? '';
    announce(t('group.announceMoved', { group: label }));
  };
  const addGroup = () => setFocusGroup(model.addGroup(step.id).id);
  const placeholder = step.namePlaceholder?.[locale] ?? t('group.namePlaceholder');

  if (!source) return <p className="notice notice--error">{t('group.missingSource')}</p>;

  return (
    <div className={`group group--${role}`}>
      {/* Participants get the room-wide lock notice from the view; the console learns what it means here. */}
      {tools.locked && role === 'facilitator' ? (
        <p className="notice group-locked">
          <span aria-hidden="true">{ICONS.locked}</span> {t('group.lockedFacilitator')}
        </p>
      ) : null}
      {editable ? (
        <div className="group-toolbar">
          <p className="group-hint">{t('group.hint')}</p>
          <button type="button" className="steps-button steps-button--primary" onClick={addGroup}>
            + {t('group.add')}
          </button>
        </div>
      ) : null}

      <div className="group-board">
        {arrangement.groups.map(({ group, notes }, index) => {
          const headingId = `${baseId}-${group.id}`;
          const label = groupLabel(group.name, index);
          return (
            <GroupColumn
              key={group.id}
              value={group.id}
              labelledBy={headingId}
              header={
                editable ? (
                  <>
                    <Heading role={role} id={headingId} className="group-column-title group-column-title--small">
                      {t('group.groupNumber', { number: index + 1 })}
                    </Heading>
                    <GroupNameField
                      name={group.name}
                      label={t('group.nameLabel', { number: index + 1 })}
                      placeholder={placeholder}
                      focusOnMount={focusGroup === group.id}
                      onRename={(name) => model.renameGroup(step.id, group.id, name)}
                    />
                  </>
                ) : (
                  <Heading role={role} id={headingId} className="group-column-title">
                    {label}
                  </Heading>
                )
              }
              actions={
                <>
                  <SpotlightControl kind="group" itemId={group.id} text={group.name} />
                  {editable ? (
                    <button
                      type="button"
                      className="steps-button steps-button--quiet"
                      aria-label={t('group.removeGroup', { name: label })}
                      onClick={() => model.removeGroup(step.id, group.id)}
                    >
                      <span aria-hidden="true">{ICONS.remove}</span> {t('group.remove')}
                    </button>
                  ) : null}
                </>
              }
              notes={notes}
              choices={choices}
              canMove={editable}
              focusNote={focusNote}
              onMove={move}
              emptyText={editable ? t('group.emptyDrop') : t('group.empty')}
              locale={locale}
              t={t}
            />
          );
        })}
        <GroupColumn
          value={UNGROUPED}
          labelledBy={`${baseId}-ungrouped`}
          header={
            <Heading role={role} id={`${baseId}-ungrouped`} className="group-column-title">
              {t('group.ungrouped')}
            </Heading>
          }
          notes={arrangement.ungrouped}
          choices={choices}
          canMove={editable}
          focusNote={focusNote}
          onMove={move}
          emptyText={totalNotes === 0 ? t('group.noNotes') : t('group.allGrouped')}
          locale={locale}
          t={t}
        />
      </div>
    </div>
  );
}
