import { useQuery } from '@tanstack/react-query';
import { api, RampartApiError, unwrap, type Schemas } from '../api.js';

export type Me = Schemas['Me'];

/** Who is signed in; `null` when nobody is (the API answers 401). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/v1/me'));
      } catch (error) {
        if (error instanceof RampartApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}
