/**
 * What the journeys start from, made through the admin API: flags on in each environment, and
 * production opened to editors (on a new installation only admins change it).
 */
import type { Api, RampartServer } from './rampart-server';

export interface FlagSeed {
  key: string;
  description?: string;
  tags?: string[];
  temporary?: boolean;
  /** The "everyone" rule's percentage in each environment it is on in; absent environments stay off. */
  on?: Record<string, number>;
}

/** Lets editors change production's configurations too, as a team that trusts its editors sets it. */
export async function openProductionToEditors(rampart: RampartServer): Promise<void> {
  await rampart.admin('PATCH', '/environments/production', { protectedRoles: ['editor'] });
}

/**
 * Creates a flag and turns it on where `on` says, at that percentage for everyone, as `api` calls it.
 *
 * @example
 * await createFlag(rampart.admin, { key: 'new-checkout', tags: ['checkout'], on: { production: 100 } });
 */
export async function createFlag(api: Api, flag: FlagSeed): Promise<void> {
  await api('POST', '/flags', {
    key: flag.key,
    description: flag.description ?? '',
    tags: flag.tags ?? [],
    temporary: flag.temporary ?? true,
  });
  for (const [environment, percentage] of Object.entries(flag.on ?? {})) {
    await api('POST', `/flags/${flag.key}/environments/${environment}/ramp`, { percentage, enable: true });
  }
}

export interface AuditEntry {
  id: string;
  actor: string;
  via?: string;
  action: string;
  target: string;
  environment?: string;
  reason?: string;
  after: unknown;
}

/** The flag's audit entries, newest first. */
export async function auditOf(rampart: RampartServer, flag: string): Promise<AuditEntry[]> {
  const page = await rampart.admin<{ entries: AuditEntry[] }>('GET', `/audit?flag=${flag}&limit=100`);
  return page.entries;
}

export interface Rule {
  id: string;
  segments?: string[];
  conditions?: unknown[];
  rollout: { percentage: number };
}

export interface FlagConfig {
  enabled: boolean;
  rules: Rule[];
  version: number;
}

/** The flag's configuration in one environment. */
export function configOf(rampart: RampartServer, flag: string, environment: string): Promise<FlagConfig> {
  return rampart.admin<FlagConfig>('GET', `/flags/${flag}/environments/${environment}`);
}
