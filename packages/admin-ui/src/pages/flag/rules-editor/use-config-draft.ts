import { useState } from 'react';
import type { Schemas } from '../../../api.js';
import { draftOf, type ConfigDraft } from './draft.js';
import type { FlagType } from './draft-values.js';
import { bothChanged, changedFields, rebaseDraft } from './rebase.js';

interface Editing {
  /** The version the person started from: the next save sends it as If-Match. */
  base: Schemas['FlagConfig'];
  /** `base` as a draft, to tell what the person changed. */
  baseDraft: ConfigDraft;
  draft: ConfigDraft;
}

function startFrom(config: Schemas['FlagConfig'], type: FlagType): Editing {
  const draft = draftOf(config, type);
  return { base: config, baseDraft: draft, draft };
}

/**
 * A person's draft of a configuration and the version it started from. A newer version that
 * arrives (live updates refetch while they edit) replaces the draft only when it holds no
 * unsaved change; otherwise `changedElsewhere` says so and the draft stays theirs.
 */
export function useConfigDraft(config: Schemas['FlagConfig'], type: FlagType) {
  const [editing, setEditing] = useState(() => startFrom(config, type));
  const changed = changedFields(editing.baseDraft, editing.draft);
  const newer = config.version > editing.base.version;
  if (newer && changed.length === 0) setEditing(startFrom(config, type));
  return {
    base: editing.base,
    draft: editing.draft,
    /** The fields the person changed since `base`. */
    changed,
    /** Someone else saved a newer version while the person has unsaved changes. */
    changedElsewhere: newer && changed.length > 0,
    update: (change: (draft: ConfigDraft) => ConfigDraft) =>
      setEditing((current) => ({ ...current, draft: change(current.draft) })),
    /** After a save: the saved version is the new start. */
    saved: (saved: Schemas['FlagConfig']) => setEditing(startFrom(saved, type)),
    /** The person's changes redone on `latest`, which the next save names as the version read. */
    redoOn: (latest: Schemas['FlagConfig']) =>
      setEditing((current) => {
        const latestDraft = draftOf(latest, type);
        return {
          base: latest,
          baseDraft: latestDraft,
          draft: rebaseDraft(current.baseDraft, current.draft, latestDraft),
        };
      }),
    /** The fields that the person and the author of `latest` both changed. */
    bothChangedWith: (latest: Schemas['FlagConfig']) =>
      bothChanged(editing.baseDraft, editing.draft, draftOf(latest, type)),
    /** The person's changes dropped: `latest` as it is. */
    discardFor: (latest: Schemas['FlagConfig']) => setEditing(startFrom(latest, type)),
  };
}

export type ConfigDraftState = ReturnType<typeof useConfigDraft>;
