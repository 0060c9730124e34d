import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../api.js';

const triggersKey = (flag: string, environment: string) => ['triggers', flag, environment] as const;

/** A flag's triggers in an environment (never their URLs). */
export function useTriggers(flag: string, environment: string) {
  return useQuery({
    queryKey: triggersKey(flag, environment),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/flags/{key}/environments/{env}/triggers', {
            params: { path: { key: flag, env: environment } },
          }),
        )
      ).triggers,
  });
}

/** Creates a trigger; its answer carries the URL, the one time it is ever shown. */
export function useCreateTrigger(flag: string, environment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateTrigger']) =>
      unwrap(
        api.POST('/api/v1/flags/{key}/environments/{env}/triggers', {
          params: { path: { key: flag, env: environment } },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: triggersKey(flag, environment) }),
  });
}

/** Revokes a trigger: its URL answers 404 from then on. */
export function useRevokeTrigger(flag: string, environment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/flags/{key}/environments/{env}/triggers/{id}', {
          params: { path: { key: flag, env: environment, id } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: triggersKey(flag, environment) }),
  });
}
