import { RampartApiError } from '@rampart/api-client';
import { QueryClient } from '@tanstack/react-query';

/**
 * Server state. Everything the UI shows is refetched when the audit stream says something
 * changed (live/use-live-updates.ts), so data stays fresh without polling; a refused request
 * (4xx) is not retried.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) =>
        !(error instanceof RampartApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});
