import type {
  EnvironmentRecord,
  FlagConfigRecord,
  FlagRecord,
  InvitationRecord,
  NewWebhookDelivery,
  PersonalTokenRecord,
  ReleasePlanRecord,
  SegmentRecord,
  SessionRecord,
  SsoLoginRecord,
  TriggerRecord,
  UserRecord,
  WebhookRecord,
} from './store.js';

/** Records for the store contract suite; each function takes overrides for the fields a test cares about. */

const AT = '2030-01-01T00:00:00.000Z';

export function environmentRecord(key: string, overrides: Partial<EnvironmentRecord> = {}): EnvironmentRecord {
  return { key, name: key, version: 0, createdAt: AT, protected: false, protectedRoles: [], ...overrides };
}

export function flagRecord(key: string, overrides: Partial<FlagRecord> = {}): FlagRecord {
  return {
    key,
    type: 'boolean',
    description: '',
    tags: [],
    owner: '',
    temporary: true,
    clientSide: false,
    archived: false,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function configRecord(
  flag: string,
  environment: string,
  overrides: Partial<FlagConfigRecord> = {},
): FlagConfigRecord {
  return {
    flag,
    environment,
    enabled: false,
    rules: [],
    variants: [],
    prerequisites: [],
    version: 1,
    updatedAt: AT,
    ...overrides,
  };
}

export function segmentRecord(key: string, overrides: Partial<SegmentRecord> = {}): SegmentRecord {
  return { key, name: key, description: '', conditions: [], createdAt: AT, updatedAt: AT, ...overrides };
}

export function releasePlanRecord(
  flag: string,
  environment: string,
  overrides: Partial<ReleasePlanRecord> = {},
): ReleasePlanRecord {
  return {
    id: `${flag}-${environment}`,
    flag,
    environment,
    ruleId: null,
    steps: [{ percentage: 10, holdSeconds: 60 }, { percentage: 100 }],
    guard: null,
    guardProgress: null,
    startAt: null,
    status: 'running',
    stepsApplied: 0,
    nextAt: AT,
    observed: { enabled: false, rules: [] },
    pausedReason: null,
    createdBy: 'ops',
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function triggerRecord(id: string, overrides: Partial<TriggerRecord> = {}): TriggerRecord {
  return {
    id,
    flag: 'a',
    environment: 'production',
    name: id,
    action: 'kill',
    hash: `hash-${id}`,
    createdBy: 'ops',
    createdAt: AT,
    lastFiredAt: null,
    windowStartedAt: null,
    windowCount: 0,
    ...overrides,
  };
}

export function webhookRecord(id: string, overrides: Partial<WebhookRecord> = {}): WebhookRecord {
  return {
    id,
    url: `https://hooks.example.com/${id}`,
    events: null,
    environments: null,
    format: 'standard',
    secret: `whsec_${id}`,
    enabled: true,
    disabledReason: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function deliveryRecord(
  id: string,
  webhookId: string,
  overrides: Partial<NewWebhookDelivery> = {},
): NewWebhookDelivery {
  return {
    id,
    webhookId,
    eventType: 'config.killed',
    payload: { type: 'config.killed', data: { flag: 'a', environment: 'production' } },
    status: 'pending',
    attempts: [],
    earlierAttempts: 0,
    nextAttemptAt: AT,
    leaseUntil: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function userRecord(id: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: id,
    role: 'viewer',
    passwordHash: null,
    disabled: false,
    ssoSubject: null,
    failedSignIns: 0,
    lockedUntil: null,
    createdAt: AT,
    updatedAt: AT,
    lastSeenAt: null,
    ...overrides,
  };
}

export function invitationRecord(
  id: string,
  userId: string,
  overrides: Partial<InvitationRecord> = {},
): InvitationRecord {
  return {
    id,
    userId,
    hash: `hash-${id}`,
    purpose: 'invite',
    createdBy: 'admin@example.com',
    createdAt: AT,
    expiresAt: '2031-01-01T00:00:00.000Z',
    usedAt: null,
    ...overrides,
  };
}

export function sessionRecord(hash: string, userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    hash,
    userId,
    method: 'password',
    createdAt: AT,
    expiresAt: '2031-01-01T00:00:00.000Z',
    lastSeenAt: AT,
    ...overrides,
  };
}

export function personalTokenRecord(
  id: string,
  userId: string,
  overrides: Partial<PersonalTokenRecord> = {},
): PersonalTokenRecord {
  return {
    id,
    userId,
    name: id,
    role: 'editor',
    hash: `hash-${id}`,
    createdAt: AT,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function ssoLoginRecord(stateHash: string, overrides: Partial<SsoLoginRecord> = {}): SsoLoginRecord {
  return {
    stateHash,
    codeVerifier: `verifier-${stateHash}`,
    nonce: `nonce-${stateHash}`,
    returnTo: '/',
    createdAt: AT,
    expiresAt: '2031-01-01T00:00:00.000Z',
    ...overrides,
  };
}
