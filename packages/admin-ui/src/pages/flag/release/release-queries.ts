import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, RampartApiError, unwrap, type Schemas } from '../../../api.js';

type Plan = Schemas['ReleasePlan'];

export type ReleaseAction = 'pause' | 'resume' | 'advance' | 'abort';

const planKey = (flag: string, environment: string) => ['release', flag, environment] as const;

/** The latest release plan of a flag in an environment, finished or not; `null` when there has been none. */
export function useReleasePlan(flag: string, environment: string) {
  return useQuery({
    queryKey: planKey(flag, environment),
    queryFn: async (): Promise<Plan | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/flags/{key}/environments/{env}/release', {
            params: { path: { key: flag, env: environment } },
          }),
        );
      } catch (error) {
        if (error instanceof RampartApiError && error.status === 404 && error.code === 'not_found') return null;
        throw error;
      }
    },
  });
}

/**
 * After a plan changes, every screen refetches: a step changes the configuration too. The
 * answer is shown at once, and the action is done then: the refetch is not waited for, so
 * the next button works straight away.
 */
function useSettle(flag: string, environment: string) {
  const queryClient = useQueryClient();
  return {
    onSuccess: (plan: Plan) => queryClient.setQueryData(planKey(flag, environment), plan),
    onSettled: () => {
      void queryClient.invalidateQueries();
    },
  };
}

/** Starts a release plan: `POST …/release`. */
export function useStartRelease(flag: string, environment: string) {
  return useMutation({
    mutationFn: (body: Schemas['ReleasePlanInput']) =>
      unwrap(
        api.POST('/api/v1/flags/{key}/environments/{env}/release', {
          params: { path: { key: flag, env: environment } },
          body,
        }),
      ),
    ...useSettle(flag, environment),
  });
}

/** Pauses, resumes, advances or aborts the plan, with an optional reason for the audit log. */
export function useReleaseAction(flag: string, environment: string) {
  return useMutation({
    mutationFn: ({ action, reason }: { action: ReleaseAction; reason?: string | undefined }) => {
      const options = {
        params: { path: { key: flag, env: environment } },
        body: reason === undefined ? {} : { reason },
      };
      switch (action) {
        case 'pause':
          return unwrap(api.POST('/api/v1/flags/{key}/environments/{env}/release/pause', options));
        case 'resume':
          return unwrap(api.POST('/api/v1/flags/{key}/environments/{env}/release/resume', options));
        case 'advance':
          return unwrap(api.POST('/api/v1/flags/{key}/environments/{env}/release/advance', options));
        case 'abort':
          return unwrap(api.POST('/api/v1/flags/{key}/environments/{env}/release/abort', options));
      }
    },
    ...useSettle(flag, environment),
  });
}
