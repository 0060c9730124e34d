// Requests the server sends out to URLs administrators configure (webhooks), guarded by an address policy.
export {
  createSender,
  refusedAddress,
  type OutboundRequest,
  type OutboundResult,
  type SenderOptions,
} from './send-request.js';
export { describeOrigin } from './url-origin.js';
