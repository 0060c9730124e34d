import { RampartApiError, unwrap } from '@rampart/api-client';
import { distance } from 'fastest-levenshtein';
import { CliError } from './cli-error.js';
import type { Session } from './session.js';

/**
 * Up to three of `candidates` nearest to `word`: those that contain it or that it contains
 * first, then those within a few edits, nearest first.
 */
export function nearest(word: string, candidates: readonly string[], count = 3): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .map((candidate) => {
      const other = candidate.toLowerCase();
      const contained = other.includes(lower) || lower.includes(other);
      return { candidate, score: contained ? 0 : distance(lower, other) };
    })
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** "did you mean a, b or c?", or a pointer to where the keys are listed. */
function didYouMean(word: string, candidates: readonly string[], list: string): string {
  const near = nearest(word, candidates);
  if (near.length === 0) return `\`${list}\` lists them`;
  const names = near.map((name) => `'${name}'`);
  return `did you mean ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]}?`;
}

/**
 * Runs `work`; when the server answers 404, says which of the flag and the environment does not
 * exist, with the nearest existing keys.
 */
export async function withSuggestions<T>(
  session: Session,
  names: { flag?: string | undefined; environment?: string | undefined },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RampartApiError) || error.status !== 404) throw error;
    if (names.environment !== undefined) await checkEnvironment(session, names.environment);
    if (names.flag !== undefined) {
      const [live, archived] = await Promise.all([
        unwrap(session.client.GET('/api/v1/flags')),
        unwrap(session.client.GET('/api/v1/flags', { params: { query: { archived: 'true' } } })),
      ]);
      const keys = [...live.flags, ...archived.flags].map((flag) => flag.key);
      if (!keys.includes(names.flag)) {
        throw new CliError(`there is no flag '${names.flag}'`, {
          hint: didYouMean(names.flag, keys, 'rampart flags list'),
        });
      }
    }
    throw error;
  }
}

/**
 * Throws a CliError with the nearest keys when there is no environment `key`.
 *
 * @example
 * await checkEnvironment(session, 'prod'); // there is no environment 'prod' (did you mean 'production'?)
 */
export async function checkEnvironment(session: Session, key: string): Promise<void> {
  const { environments } = await unwrap(session.client.GET('/api/v1/environments'));
  const keys = environments.map((environment) => environment.key);
  if (!keys.includes(key)) {
    throw new CliError(`there is no environment '${key}'`, { hint: didYouMean(key, keys, 'rampart flags list') });
  }
}
