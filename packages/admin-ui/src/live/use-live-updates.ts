import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** How long changes are gathered before the screens refetch: one refetch for a burst. */
const BATCH_MS = 100;

/**
 * Follows `/api/v1/audit/stream` (the session cookie signs it in; EventSource reconnects by
 * itself and resumes after the last entry with Last-Event-ID). Every change made anywhere
 * (the API, the CLI, another browser, a release plan, a guard, a trigger) arrives as an audit
 * entry, and the screens on show refetch what they display: within a second, without reload.
 */
export function useLiveUpdates(): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const source = new EventSource('/api/v1/audit/stream');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      }, BATCH_MS);
    };
    source.addEventListener('ready', () => setState('live'));
    source.addEventListener('audit', refetch);
    source.addEventListener('reset', refetch);
    source.addEventListener('error', () => {
      setState('reconnecting');
      // A stream the server refused (a session that ended) will not come back: ask who we are.
      if (source.readyState === EventSource.CLOSED) void queryClient.invalidateQueries({ queryKey: ['me'] });
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
  return state;
}
