import { useMemo, useState } from 'react';
import { problemOf, RampartApiError, type Schemas } from '../../../api.js';
import type { FieldProblem } from '../../../conditions/condition.js';
import { ErrorSummary, FieldErrorsContext } from '../../../ui/field-errors.js';
import { errorsByField } from '../../../ui/field-path.js';
import { CONFIG_FIELDS } from './config-fields.js';
import { ConflictDialog } from './conflict-dialog.js';
import { configOfDraft } from './draft-to-config.js';
import { FlagLevelFields } from './flag-level-fields.js';
import { RulesList } from './rules-list.js';
import { useConfigDraft } from './use-config-draft.js';
import { useSaveConfig } from './use-save-config.js';
import '../../../ui/editor.css';
import './rules-editor.css';

type Failure = { message: string; details: readonly FieldProblem[] };

/**
 * A configuration's rules, variants and prerequisites, edited as a draft and saved at once
 * with the version it was read at. A newer version never replaces unsaved changes: the editor
 * says someone else changed it, and a save that meets it asks what to do.
 */
export function RulesEditor({
  flag,
  environment,
  config,
}: {
  flag: Schemas['FlagWithEnvironments'];
  environment: Schemas['Environment'];
  config: Schemas['FlagConfig'];
}) {
  const editing = useConfigDraft(config, flag.type);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [checkAsTyped, setCheckAsTyped] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [conflict, setConflict] = useState<Schemas['FlagConfig'] | undefined>();
  const save = useSaveConfig({
    flag: flag.key,
    environment: environment.key,
    onSaved: (saved) => {
      editing.saved(saved);
      setFailure(undefined);
      setCheckAsTyped(false);
    },
    onConflict: setConflict,
  });
  const { content, problems } = useMemo(() => configOfDraft(editing.draft, flag.type), [editing.draft, flag.type]);
  // Once a save was refused for the editor's own reasons, its messages follow the person's typing.
  const shown: Failure | undefined =
    checkAsTyped && problems.length > 0 ? { message: 'Fix these before saving:', details: problems } : failure;
  const errors = useMemo(() => errorsByField(shown?.details ?? [], CONFIG_FIELDS), [shown]);
  const idPrefix = `config-${environment.key}`;
  const submit = () => {
    setCheckAsTyped(true);
    setAttempt((count) => count + 1);
    if (problems.length > 0) return;
    setFailure(undefined);
    save.mutate(
      { base: editing.base, content },
      {
        onError: (error) => {
          if (error instanceof RampartApiError && error.status === 412) return;
          const details = error instanceof RampartApiError ? error.details : [];
          const message = details.length > 0 ? 'The server refused these:' : problemOf(error).message;
          setFailure({ message: `Not saved. ${message}`, details });
        },
      },
    );
  };
  const dirty = editing.changed.length > 0;
  return (
    <FieldErrorsContext.Provider value={{ idPrefix, errors }}>
      <form
        className="editor rules-editor"
        aria-label={`Rules in ${environment.key}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {shown !== undefined && (
          <ErrorSummary
            message={shown.message}
            details={shown.details}
            patterns={CONFIG_FIELDS}
            idPrefix={idPrefix}
            attempt={attempt}
          />
        )}
        <div role="status" className="notice-slot">
          {editing.changedElsewhere && (
            <div className="notice">
              <span>Changed by someone else since you started (now version {config.version}).</span>
              <button type="button" className="small" onClick={() => setConflict(config)}>
                See their changes
              </button>
            </div>
          )}
        </div>
        <RulesList
          rules={editing.draft.rules}
          flag={flag.key}
          type={flag.type}
          idPrefix={idPrefix}
          onChange={(rules) => editing.update((draft) => ({ ...draft, rules }))}
        />
        <FlagLevelFields
          draft={editing.draft}
          flag={flag.key}
          type={flag.type}
          environment={environment.key}
          onChange={(change) => editing.update((draft) => ({ ...draft, ...change }))}
        />
        <div className="save-bar">
          <button
            type="submit"
            className="primary"
            aria-label={`Save rules in ${environment.key}`}
            disabled={!dirty || save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save rules'}
          </button>
          {dirty && (
            <button
              type="button"
              onClick={() => {
                editing.discardFor(config);
                setFailure(undefined);
                setCheckAsTyped(false);
              }}
            >
              Discard changes
            </button>
          )}
          <span className="muted">
            {dirty
              ? `Unsaved changes to ${editing.changed.length} part${editing.changed.length === 1 ? '' : 's'} (from version ${editing.base.version})`
              : `Version ${editing.base.version}`}
            {editing.changedElsewhere && `; someone else saved version ${config.version} since`}
          </span>
          <span role="status" className="saved">
            {save.isSuccess && !dirty ? `Saved: version ${editing.base.version}` : ''}
          </span>
        </div>
      </form>
      <ConflictDialog
        flag={flag.key}
        environment={environment.key}
        type={flag.type}
        base={editing.base}
        latest={conflict}
        mine={editing.changed}
        both={conflict === undefined ? [] : editing.bothChangedWith(conflict)}
        onRedo={() => {
          if (conflict !== undefined) editing.redoOn(conflict);
          setConflict(undefined);
          setFailure(undefined);
        }}
        onDiscard={() => {
          if (conflict !== undefined) editing.discardFor(conflict);
          setConflict(undefined);
          setFailure(undefined);
          setCheckAsTyped(false);
        }}
        onClose={() => setConflict(undefined)}
      />
    </FieldErrorsContext.Provider>
  );
}
