import { useState } from 'react';
import { problemOf, type Schemas } from '../api.js';
import { usePermissions } from '../auth/permissions.js';
import { Dialog } from '../ui/dialog.js';
import { useKillOrRevive } from './flag-actions.js';

/**
 * A flag's on/off switch in one environment, named "<flag> in <environment>". In a protected
 * environment it asks first. Someone who may not change the environment sees the state only.
 */
export function EnvironmentSwitch({
  flag,
  environment,
  enabled,
}: {
  flag: string;
  environment: Schemas['Environment'];
  enabled: boolean;
}) {
  const { canChangeIn } = usePermissions();
  const action = useKillOrRevive();
  const [confirming, setConfirming] = useState(false);
  const label = `${flag} in ${environment.key}`;
  if (!canChangeIn(environment)) {
    return (
      <span className={`state ${enabled ? 'on' : 'off'}`} aria-label={`${label}: ${enabled ? 'on' : 'off'}`}>
        {enabled ? 'On' : 'Off'}
      </span>
    );
  }
  const toggle = () => action.mutate({ action: enabled ? 'kill' : 'revive', flag, environment: environment.key });
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={label}
        className={`switch ${enabled ? 'on' : 'off'}`}
        disabled={action.isPending}
        onClick={() => (environment.protected ? setConfirming(true) : toggle())}
      >
        <span aria-hidden="true">{enabled ? 'On' : 'Off'}</span>
      </button>
      {action.isError && (
        <span role="alert" className="error">
          {problemOf(action.error).message}
        </span>
      )}
      <Dialog open={confirming} title={`Turn ${enabled ? 'off' : 'on'} ${label}?`} onClose={() => setConfirming(false)}>
        <p>
          {environment.name} is protected. This changes what every user of {flag} in {environment.key} gets, at once.
        </p>
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setConfirming(false);
              toggle();
            }}
          >
            Turn {enabled ? 'off' : 'on'}
          </button>
        </div>
      </Dialog>
    </>
  );
}
