import type { Rule } from '@rampart/core';
import type { FlagConfigRecord, ReleasePlanRecord } from '../store/store.js';

/** A flag's state in one environment, as the flag list shows it. */
export interface FlagState {
  enabled: boolean;
  version: number;
  updatedAt: string;
  /** How many rules the configuration has. */
  rules: number;
  /** The percentage of the "everyone" rule (no segments, no conditions), or `null` without one. */
  everyone: number | null;
  /** In words: `off`, `on for everyone`, `on: everyone 5 %, 1 more rule`, `on: 2 rules, nobody else`. */
  summary: string;
  /** The release plan under way here (`scheduled`, `running` or `paused`), or `null` without one. */
  release: 'scheduled' | 'running' | 'paused' | null;
}

const isEveryone = (rule: Rule) => (rule.segments ?? []).length === 0 && (rule.conditions ?? []).length === 0;

/**
 * What the flag list says of a configuration: on or off, its version, and who gets it.
 *
 * @example
 * flagState(config).summary; // 'on: everyone 5 %, 1 more rule'
 */
export function flagState(config: FlagConfigRecord, plan?: Pick<ReleasePlanRecord, 'status'>): FlagState {
  const everyoneRule = config.rules.find(isEveryone);
  const everyone = everyoneRule === undefined ? null : everyoneRule.rollout.percentage;
  const others = config.rules.length - (everyoneRule === undefined ? 0 : 1);
  const state = { enabled: config.enabled, version: config.version, updatedAt: config.updatedAt };
  const status = plan?.status;
  const release = status === 'scheduled' || status === 'running' || status === 'paused' ? status : null;
  const summary = summarise(config.enabled, everyone, others);
  return { ...state, rules: config.rules.length, everyone, summary, release };
}

function summarise(enabled: boolean, everyone: number | null, others: number): string {
  if (!enabled) return 'off';
  const more = `${others} ${others === 1 ? 'rule' : 'rules'}`;
  if (everyone === null) return others === 0 ? 'on, but no rule: nobody gets it' : `on: ${more}, nobody else`;
  if (others === 0) return everyone === 100 ? 'on for everyone' : `on: everyone ${everyone} %`;
  return `on: everyone ${everyone} %, ${others} more ${others === 1 ? 'rule' : 'rules'}`;
}
