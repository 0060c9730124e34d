import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api.js';

/** Every environment, in the server's order. */
export function useEnvironments() {
  return useQuery({
    queryKey: ['environments'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/environments'))).environments,
  });
}

/** Every live flag (or archived ones) with its state in each environment. */
export function useFlagList(archived = false) {
  return useQuery({
    queryKey: ['flags', { archived }],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/flags', { params: { query: archived ? { archived: 'true' } : {} } }))).flags,
  });
}
