import type { Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { EnvironmentSwitch } from '../../flags/environment-switch.js';
import { KillButton } from '../../flags/kill-button.js';
import { everyoneRule } from './everyone-rule.js';
import { RolloutControl } from './rollout-control.js';
import { ConfigSummary } from './rules-editor/config-summary.js';
import { RulesEditor } from './rules-editor/rules-editor.js';
import './flag.css';

/**
 * A flag in one environment: the switch, the kill button, the rollout to everyone and the
 * rules editor; read-only for those who may not change the environment.
 */
export function EnvironmentPanel({
  flag,
  environment,
  config,
}: {
  flag: Schemas['FlagWithEnvironments'];
  environment: Schemas['Environment'];
  config: Schemas['FlagConfig'];
}) {
  const { canChangeIn } = usePermissions();
  const canChange = canChangeIn(environment) && !flag.archived;
  return (
    <div className="environment-panel">
      <div className="environment-head">
        <h2 id={`environment-${environment.key}`}>{environment.name}</h2>
        {environment.protected && <span className="badge">protected</span>}
        <EnvironmentSwitch flag={flag.key} environment={environment} enabled={config.enabled} />
        {config.enabled && !flag.archived && <KillButton flag={flag.key} environment={environment} />}
        <span className="muted version">version {config.version}</span>
      </div>
      {canChange ? (
        <>
          <RolloutControl flag={flag.key} environment={environment} config={config} />
          <RulesEditor flag={flag} environment={environment} config={config} />
        </>
      ) : (
        <ReadOnly flag={flag} environment={environment} config={config} />
      )}
    </div>
  );
}

function ReadOnly({
  flag,
  environment,
  config,
}: {
  flag: Schemas['FlagWithEnvironments'];
  environment: Schemas['Environment'];
  config: Schemas['FlagConfig'];
}) {
  const { canEdit } = usePermissions();
  const everyone = everyoneRule(config.rules);
  const why = flag.archived
    ? 'The flag is archived: restore it to change it.'
    : canEdit
      ? `${environment.name} is protected: only admins${environment.protectedRoles.map((role) => ` and ${role}s`).join('')} change it.`
      : 'Viewers see configurations without changing them.';
  return (
    <div className="read-only">
      <p className="muted">{why}</p>
      <p>
        Rollout to everyone:{' '}
        {everyone.kind === 'one'
          ? `${everyone.percentage} %`
          : everyone.kind === 'none'
            ? 'no rule serves everyone'
            : 'several rules serve everyone'}
      </p>
      <ConfigSummary config={config} type={flag.type} />
    </div>
  );
}
