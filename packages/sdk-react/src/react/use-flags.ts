import type { FlagSnapshot } from '../store/types';
import { useFlagSnapshot } from './store-context';

/**
 * The whole snapshot: `ready` (values known, from bootstrap or the server), `status` and every
 * flag's result. The component re-renders on any change, so prefer `useFlag` for single flags.
 *
 * @example
 * const { ready, status } = useFlags();
 * if (!ready) return <Spinner />;
 */
export function useFlags(): FlagSnapshot {
  return useFlagSnapshot((snapshot) => snapshot);
}
