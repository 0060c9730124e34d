import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api.js';

/** Kill (off for everyone) or revive a flag in one environment; every screen refetches after. */
export function useKillOrRevive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      action,
      flag,
      environment,
      reason,
    }: {
      action: 'kill' | 'revive';
      flag: string;
      environment: string;
      reason?: string;
    }) => {
      const params = { path: { key: flag, env: environment } };
      const body = reason === undefined || reason === '' ? {} : { reason };
      return unwrap(
        action === 'kill'
          ? api.POST('/api/v1/flags/{key}/environments/{env}/kill', { params, body })
          : api.POST('/api/v1/flags/{key}/environments/{env}/revive', { params, body }),
      );
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
}
