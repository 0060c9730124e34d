import { SdkError } from '@rampart/core/sdk';
import type { FlagSnapshot } from './types';

/**
 * Development builds only (the store wires it in behind a `process.env.NODE_ENV` check that
 * bundlers remove in production): the warning for a flag that a component reads and the
 * server's live results lack. Once per key, and only once results have arrived: before that,
 * every flag is unknown.
 *
 * @example
 * const warn = unknownFlagWarning('https://flags.example.com', () => snapshot, onError);
 * warn('new-chekcout'); // console.warn and onError: flag_not_found
 */
export function unknownFlagWarning(
  url: string,
  getSnapshot: () => FlagSnapshot,
  onError: ((error: SdkError) => void) | undefined,
): (key: string) => void {
  const warned = new Set<string>();
  return (key) => {
    const { status, flags } = getSnapshot();
    if (status !== 'ready' || Object.hasOwn(flags, key) || warned.has(key)) return;
    warned.add(key);
    const error = new SdkError(
      'flag_not_found',
      `Rampart: ${url} sends no flag '${key}' to this client key. It is likely not clientSide, archived, or misspelled; ` +
        `to show a flag to browsers: PATCH /api/v1/flags/${key} {"clientSide": true}. ` +
        'Answering the default (false, null). This warning is left out of production builds.',
    );
    console.warn(error);
    try {
      onError?.(error);
    } catch {
      // onError's failure is its own: a hook must not fail for it.
    }
  };
}
