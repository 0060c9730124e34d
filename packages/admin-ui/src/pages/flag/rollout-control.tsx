import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { everyoneRule } from './everyone-rule.js';
import { parsePercentage } from './rules-editor/draft-values.js';

/**
 * The "everyone" rule's rollout: a slider for the rough figure, an exact input (0.001 %
 * steps), and "Set rollout" (Enter in the input too), which ramps at once. A flag that is off
 * is turned on with the ramp only when asked; otherwise the ramp is staged while it stays off.
 */
export function RolloutControl({
  flag,
  environment,
  config,
}: {
  flag: string;
  environment: Schemas['Environment'];
  config: Schemas['FlagConfig'];
}) {
  const queryClient = useQueryClient();
  const everyone = everyoneRule(config.rules);
  const current = everyone.kind === 'one' ? everyone.percentage : 0;
  const [text, setText] = useState(String(current));
  const [shown, setShown] = useState(current);
  const [turnOn, setTurnOn] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  if (shown !== current) {
    // The rollout changed elsewhere: follow it, unless the person is typing another figure.
    setShown(current);
    if (text === String(shown)) setText(String(current));
  }
  const ramp = useMutation({
    mutationFn: (body: Schemas['Ramp']) =>
      unwrap(
        api.POST('/api/v1/flags/{key}/environments/{env}/ramp', {
          params: { path: { key: flag, env: environment.key } },
          body,
        }),
      ),
    onSuccess: (saved) => {
      const percentage = everyoneRule(saved.rules);
      setShown(percentage.kind === 'one' ? percentage.percentage : 0);
      setTurnOn(false);
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePercentage(text);
    setProblem(parsed.problem);
    if (parsed.value === undefined) return;
    ramp.mutate({ percentage: parsed.value, ...(config.enabled ? {} : { enable: turnOn }) });
  };
  const slider = Number(text);
  const id = `rollout-${environment.key}`;
  return (
    <form className="rollout" onSubmit={submit} noValidate aria-label={`Rollout to everyone in ${environment.key}`}>
      <h3>Rollout to everyone</h3>
      <div className="rollout-row">
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={Number.isFinite(slider) ? slider : current}
          aria-label={`Rollout of ${flag} in ${environment.key}`}
          aria-valuetext={`${text} %`}
          onChange={(e) => setText(e.target.value)}
        />
        <input
          type="number"
          className="percentage"
          step="0.001"
          min={0}
          max={100}
          value={text}
          aria-label={`Rollout percentage of ${flag} in ${environment.key}`}
          aria-invalid={problem === undefined ? undefined : true}
          aria-describedby={problem === undefined ? `${id}-hint` : `${id}-hint ${id}-error`}
          onChange={(e) => setText(e.target.value)}
        />
        <span aria-hidden="true">%</span>
        <button type="submit" aria-label={`Set rollout in ${environment.key}`} disabled={ramp.isPending}>
          Set rollout
        </button>
      </div>
      {problem !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {problem}
        </p>
      )}
      <p id={`${id}-hint`} className="hint">
        {everyone.kind === 'one' && `Now ${current} %. `}
        {everyone.kind === 'none' && 'No rule serves everyone yet: setting a rollout adds one after the other rules. '}
        {everyone.kind === 'several' &&
          'Several rules serve everyone: change their rollouts in the rules below (the server cannot tell which to set). '}
        Steps of 0.001 %; raising the rollout only adds users.
      </p>
      {!config.enabled && (
        <>
          <label className="check">
            <input type="checkbox" checked={turnOn} onChange={(e) => setTurnOn(e.target.checked)} />
            Turn it on
          </label>
          <p className="hint">
            {flag} is off in {environment.key}. Without “Turn it on”, the rollout is set while it stays off.
          </p>
        </>
      )}
      {ramp.isError && (
        <p role="alert" className="error">
          {problemOf(ramp.error).message}
        </p>
      )}
      <p role="status" className="saved">
        {ramp.isSuccess && !ramp.isPending
          ? `Rollout set to ${shown} %${ramp.data.enabled ? '' : ' (still off)'}.`
          : ''}
      </p>
    </form>
  );
}
