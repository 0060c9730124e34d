import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api.js';

/** Every segment, in the server's order. */
export function useSegments() {
  return useQuery({
    queryKey: ['segments'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/segments'))).segments,
  });
}
