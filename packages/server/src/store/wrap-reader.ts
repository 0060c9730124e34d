import type { StoreReader } from './store.js';
import type { MethodWrapper } from './unavailable.js';

/**
 * Every read method of `reader`, each passed through `wrap` (a serial queue, error
 * translation), so that a store lists its methods once.
 *
 * @example
 * const reader = wrapReader(access, guard);
 */
export function wrapReader(reader: StoreReader, wrap: MethodWrapper): StoreReader {
  return {
    listEnvironments: wrap(reader.listEnvironments),
    getEnvironment: wrap(reader.getEnvironment),
    listFlags: wrap(reader.listFlags),
    getFlag: wrap(reader.getFlag),
    listFlagConfigs: wrap(reader.listFlagConfigs),
    getFlagConfig: wrap(reader.getFlagConfig),
    listSegments: wrap(reader.listSegments),
    getSegment: wrap(reader.getSegment),
    listKeys: wrap(reader.listKeys),
    getKey: wrap(reader.getKey),
    listAudit: wrap(reader.listAudit),
    listAuditAfter: wrap(reader.listAuditAfter),
    getSnapshot: wrap(reader.getSnapshot),
    listChangesSince: wrap(reader.listChangesSince),
    getReleasePlan: wrap(reader.getReleasePlan),
    listReleasePlans: wrap(reader.listReleasePlans),
    listDueReleasePlans: wrap(reader.listDueReleasePlans),
    listTriggers: wrap(reader.listTriggers),
    getTrigger: wrap(reader.getTrigger),
    getTriggerByHash: wrap(reader.getTriggerByHash),
    listWebhooks: wrap(reader.listWebhooks),
    getWebhook: wrap(reader.getWebhook),
    listDeliveries: wrap(reader.listDeliveries),
    getDelivery: wrap(reader.getDelivery),
    hasDueDeliveries: wrap(reader.hasDueDeliveries),
    listUsers: wrap(reader.listUsers),
    getUser: wrap(reader.getUser),
    getUserByEmail: wrap(reader.getUserByEmail),
    getUserBySsoSubject: wrap(reader.getUserBySsoSubject),
    getInvitationByHash: wrap(reader.getInvitationByHash),
    getSession: wrap(reader.getSession),
    listPersonalTokens: wrap(reader.listPersonalTokens),
    getPersonalToken: wrap(reader.getPersonalToken),
    getSsoLogin: wrap(reader.getSsoLogin),
  };
}
