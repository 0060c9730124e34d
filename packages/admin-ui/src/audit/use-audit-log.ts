import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api.js';

/** The server's filters of the audit log; empty means any. */
export interface AuditQuery {
  flag?: string | undefined;
  environment?: string | undefined;
}

const FIRST_PAGE: string | null = null;

/**
 * The audit log, newest first, a page at a time: `fetchNextPage()` follows `nextCursor`. The
 * live updates refetch the pages loaded, so a new entry appears at the top.
 */
export function useAuditLog({ flag, environment }: AuditQuery, pageSize = 50) {
  const query = {
    ...(flag === undefined || flag === '' ? {} : { flag }),
    ...(environment === undefined || environment === '' ? {} : { environment }),
  };
  return useInfiniteQuery({
    queryKey: ['audit', query, pageSize],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: { query: { ...query, limit: pageSize, ...(pageParam === null ? {} : { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: (page) => page.nextCursor,
  });
}
