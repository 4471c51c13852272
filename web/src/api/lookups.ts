import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { LookupList, Lookups } from './types';

/** Type and status lists change rarely; one fetch serves every table and form for a while. */
export function useLookups() {
  return useQuery({
    queryKey: ['lookups'],
    queryFn: ({ signal }) => api.get<Lookups>('/lookups', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** The display name of a type or status id; undefined while loading or when unset. */
export function useLookupName() {
  const { data } = useLookups();
  return (list: LookupList, id: string | null | undefined) => (id ? data?.[list].find((v) => v.id === id)?.name : undefined);
}
