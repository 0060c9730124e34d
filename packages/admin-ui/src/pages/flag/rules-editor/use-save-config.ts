import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, RampartApiError, unwrap, type Schemas } from '../../../api.js';
import type { ConfigContent } from './draft-to-config.js';

/**
 * Saves a configuration with `If-Match: "<version read>"`. When someone else saved first
 * (412), `onConflict` gets their version, read afresh, so that nothing is overwritten unseen.
 */
export function useSaveConfig({
  flag,
  environment,
  onSaved,
  onConflict,
}: {
  flag: string;
  environment: string;
  onSaved: (saved: Schemas['FlagConfig']) => void;
  onConflict: (latest: Schemas['FlagConfig']) => void;
}) {
  const queryClient = useQueryClient();
  const params = { path: { key: flag, env: environment } };
  return useMutation({
    mutationFn: async ({ base, content }: { base: Schemas['FlagConfig']; content: ConfigContent }) => {
      try {
        return await unwrap(
          api.PUT('/api/v1/flags/{key}/environments/{env}', {
            params: { ...params, header: { 'if-match': `"${base.version}"` } },
            body: { enabled: base.enabled, ...content },
          }),
        );
      } catch (error) {
        if (error instanceof RampartApiError && error.status === 412) {
          onConflict(await unwrap(api.GET('/api/v1/flags/{key}/environments/{env}', { params })));
        }
        throw error;
      }
    },
    onSuccess: onSaved,
    onSettled: () => queryClient.invalidateQueries(),
  });
}
