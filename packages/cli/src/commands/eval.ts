import { compile, evaluate as evaluateFlag, type EvaluationResult } from '@rampart/core';
import { CliError, WithExitCode } from '../cli-error.js';
import { connect, text } from '../command-context.js';
import { parseContext } from '../eval/context.js';
import { readFlagSnapshot } from '../eval/snapshot.js';
import { EXIT } from '../exit-codes.js';
import { describeRule } from './flags.js';

/**
 * `rampart eval <flag> --env <env> [--context key=value …]`: evaluates the flag locally with
 * `@rampart/core`, from the configuration the admin API gives, exactly as an SDK would. Exits
 * 0 when on, 1 when off, 3 when it cannot evaluate (whatever the reason).
 */
export async function evaluate(args: string[], options: Record<string, unknown>): Promise<number> {
  try {
    return await evaluateOnce(args, options);
  } catch (error) {
    throw new WithExitCode(EXIT.evalError, error);
  }
}

async function evaluateOnce(args: string[], options: Record<string, unknown>): Promise<number> {
  const [key = ''] = args;
  const environment = text(options, 'env') ?? '';
  const pairs = Array.isArray(options.context) ? options.context.filter((pair) => typeof pair === 'string') : [];
  const context = parseContext(pairs);
  const session = connect(options);
  const { out } = session;
  const { snapshot, config } = await out.progress(`reading ${key} in ${environment}`, () =>
    readFlagSnapshot(session, key, environment),
  );
  const result: EvaluationResult = evaluateFlag(compile(snapshot), key, context);
  if (result.errorCode !== undefined) {
    throw new CliError(`${key} could not be evaluated (${result.errorCode})`);
  }
  out.data(result);
  const state = result.enabled ? out.paint('green', 'on') : out.paint('red', 'off');
  out.line(`${out.paint('bold', key)} in ${out.paint('bold', environment)}: ${state}`);
  const rule = config.rules.find((candidate) => candidate.id === result.ruleId);
  const facts: [string, string][] = [
    ['variant', result.variant ?? out.paint('dim', 'none')],
    ['value', result.value === undefined ? out.paint('dim', 'none') : JSON.stringify(result.value)],
    ['reason', result.reason],
    ['rule', rule === undefined ? out.paint('dim', 'none') : describeRule(rule)],
  ];
  for (const [name, value] of facts) out.line(`  ${name.padEnd(8)}${value}`);
  return result.enabled ? EXIT.ok : EXIT.failed;
}
