/**
 * Typed access to a define step on the board document.
 *
 * Own definitions (`define.own/<stepId>`, a map authorId -> OwnDefinitionValue)
 * are written in each participant's seat document (src/model/seat-doc.ts) and
 * arrive here only when the facilitator has revealed the step: the server
 * publishes them then (server/rooms/seat-publisher.ts). The agreed definition is the statement
 * draft of the define step (`statement.draft/<stepId>`), so the statement
 * editor, saved versions and a consent step on the define step work unchanged.
 */
import * as Y from 'yjs';
import { boardKeys, ownDefinitionValue, TEXT_LIMITS, type OwnDefinitionValue } from './schema.ts';
import { parsedMap } from './yjs-values.ts';

export type OwnDefinition = OwnDefinitionValue & { authorId: string };

const clip = (text: string, max: number) => text.trim().slice(0, max);

/** Own definitions side by side: oldest first, then by author id, the same order on every screen. */
export function compareOwnDefinitions(a: OwnDefinition, b: OwnDefinition): number {
  return a.at - b.at || (a.authorId < b.authorId ? -1 : a.authorId > b.authorId ? 1 : 0);
}

/**
 * What a device should publish for its private draft once the step is revealed:
 * the cleaned text when it differs from what is already published, otherwise
 * null (nothing to do). A blank draft never replaces a published definition:
 * withdrawing is an explicit act, not an accident of an empty field.
 */
export function definitionToPublish(
  draft: string | undefined,
  published: OwnDefinitionValue | undefined,
): string | null {
  const clean = clip(draft ?? '', TEXT_LIMITS.definition);
  if (!clean || clean === published?.text) return null;
  return clean;
}

export class Define {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  ownDefinitionsMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.ownDefinitions(stepId));
  }

  /** The published own definitions in display order. Malformed entries are skipped. */
  ownDefinitions(stepId: string): OwnDefinition[] {
    return [...parsedMap(this.ownDefinitionsMap(stepId), ownDefinitionValue)]
      .map(([authorId, value]) => ({ ...value, authorId }))
      .sort(compareOwnDefinitions);
  }

  ownDefinition(stepId: string, authorId: string): OwnDefinitionValue | undefined {
    const parsed = ownDefinitionValue.safeParse(this.ownDefinitionsMap(stepId).get(authorId));
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Publishes (or replaces) the author's own definition. Call only once the step
   * is revealed: before that the text must stay on the author's device. A
   * replaced definition keeps its first time, so its card keeps its place.
   */
  publishOwn(
    stepId: string,
    author: { id: string; name: string | null },
    text: string,
    now = Date.now(),
  ): OwnDefinitionValue | null {
    const clean = clip(text, TEXT_LIMITS.definition);
    if (!clean) return null;
    const value: OwnDefinitionValue = {
      text: clean,
      name: author.name ? clip(author.name, TEXT_LIMITS.name) || null : null,
      at: this.ownDefinition(stepId, author.id)?.at ?? now,
    };
    this.ownDefinitionsMap(stepId).set(author.id, value);
    return value;
  }

  withdrawOwn(stepId: string, authorId: string): boolean {
    const map = this.ownDefinitionsMap(stepId);
    if (!map.has(authorId)) return false;
    map.delete(authorId);
    return true;
  }

  /** The agreed definition being drafted together: the define step's shared statement draft. */
  agreedDraft(stepId: string): Y.Text {
    return this.doc.getText(boardKeys.statementDraft(stepId));
  }

  /** The agreed definition's current text, trimmed (for exports and other steps). */
  agreedText(stepId: string): string {
    return this.agreedDraft(stepId).toString().trim();
  }
}
