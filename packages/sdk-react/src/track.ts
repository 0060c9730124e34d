/**
 * `@rampart/sdk-react/track`: events for the guards of guarded release plans, sent from the
 * browser. An entry of its own so that the main one stays within its size budget: only the
 * applications that import it download it.
 */
export { track, TRACK_TIMEOUT_MS } from './track/track';
export { useTrack } from './track/use-track';
