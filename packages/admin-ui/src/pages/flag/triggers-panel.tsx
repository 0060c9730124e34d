import { useId, useState } from 'react';
import { problemOf, type Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { Moment } from '../../ui/moment.js';
import { useFocusLater } from '../../ui/use-focus-later.js';
import { CreateTriggerButton } from './triggers/create-trigger-dialog.js';
import { useRevokeTrigger, useTriggers } from './triggers/trigger-queries.js';
import '../../ui/visually-hidden.css';
import './triggers/triggers.css';

type Trigger = Schemas['Trigger'];

const ACTION_TEXT: Record<Trigger['action'], string> = { kill: 'Kill (turn off)', revive: 'Revive (turn on)' };

/**
 * The secret URLs that kill or revive a flag in one environment when an alerting tool calls
 * them: who made each and when it last fired; creating and revoking for those who may change
 * the environment.
 */
export function TriggersPanel({ flagKey, environment }: { flagKey: string; environment: Schemas['Environment'] }) {
  const triggers = useTriggers(flagKey, environment.key);
  const canChange = usePermissions().canChangeIn(environment);
  const headingId = useId();
  const heading = useFocusLater<HTMLHeadingElement>();
  return (
    <section className="triggers" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading.ref} tabIndex={-1}>
        Triggers
        {/* Each environment has one: the region's name says which. */}
        <span className="visually-hidden"> in {environment.key}</span>
      </h3>
      {triggers.isPending && <p className="loading">Loading…</p>}
      {triggers.isError && (
        <p role="alert" className="error">
          {problemOf(triggers.error).message}
        </p>
      )}
      {triggers.data?.length === 0 && <p className="muted">No trigger URLs for {environment.key}.</p>}
      {triggers.data !== undefined && triggers.data.length > 0 && (
        <table className="triggers-table">
          <caption className="visually-hidden">
            Triggers of {flagKey} in {environment.key}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Action</th>
              <th scope="col">Created by</th>
              <th scope="col">Last fired</th>
              {canChange && (
                <th scope="col">
                  <span className="visually-hidden">Revoke</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {triggers.data.map((trigger) => (
              <tr key={trigger.id}>
                <th scope="row">{trigger.name}</th>
                <td>{ACTION_TEXT[trigger.action]}</td>
                <td>
                  {trigger.createdBy}, <Moment iso={trigger.createdAt} />
                </td>
                <td>{trigger.lastFiredAt === null ? 'never' : <Moment iso={trigger.lastFiredAt} />}</td>
                {canChange && (
                  <td>
                    <RevokeButton trigger={trigger} onRevoked={heading.focusLater} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canChange && <CreateTriggerButton flag={flagKey} environment={environment.key} />}
    </section>
  );
}

/** Its row goes once revoked: `onRevoked` says where focus goes instead. */
function RevokeButton({ trigger, onRevoked }: { trigger: Trigger; onRevoked: () => void }) {
  const revoke = useRevokeTrigger(trigger.flag, trigger.environment);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={`Revoke trigger ${trigger.name}`}
        onClick={() => {
          revoke.reset();
          setOpen(true);
        }}
      >
        Revoke
      </button>
      <ConfirmDialog
        open={open}
        title={`Revoke trigger ${trigger.name}?`}
        confirmLabel="Revoke"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoke.mutate(trigger.id, {
            onSuccess: () => {
              setOpen(false);
              onRevoked();
            },
          })
        }
        onClose={() => setOpen(false)}
      >
        <p>
          Its URL stops working at once: an alerting tool that calls it gets 404, and {trigger.flag} in{' '}
          {trigger.environment} is no longer {trigger.action === 'kill' ? 'turned off' : 'turned on'} by it.
        </p>
      </ConfirmDialog>
    </>
  );
}
