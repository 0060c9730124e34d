/**
 * The 50 flags of the throughput benchmark, described once; `rampart-flags.ts` and
 * `unleash-flags.ts` create the same flags on each server.
 *
 * By `i % 5`: on for everyone; a percentage rollout by `userId`; the `internal-users` segment
 * at 100 % then everyone else at 10 %; a country list at 50 %; the `paying` segment at 50 %.
 * Every tenth flag is off, and every fifth (`i % 5 === 0`) is client-side.
 */
export type FlagShape =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'rollout'; readonly percentage: number }
  | { readonly kind: 'staff-then-rollout'; readonly percentage: number }
  | { readonly kind: 'countries'; readonly percentage: number }
  | { readonly kind: 'paying'; readonly percentage: number };

export interface BenchFlag {
  readonly key: string;
  readonly enabled: boolean;
  readonly clientSide: boolean;
  readonly shape: FlagShape;
}

export interface BenchSegment {
  readonly key: string;
  readonly attribute: string;
  readonly operator: 'ends_with' | 'in';
  readonly values: readonly string[];
}

export const COUNTRIES = ['US', 'CA', 'GB', 'IE', 'FR', 'DE', 'NL', 'SE', 'AU', 'NZ'] as const;

export const SEGMENTS: readonly BenchSegment[] = [
  { key: 'internal-users', attribute: 'email', operator: 'ends_with', values: ['@example.com'] },
  { key: 'paying', attribute: 'plan', operator: 'in', values: ['pro', 'enterprise'] },
];

function shapeOf(i: number): FlagShape {
  switch (i % 5) {
    case 0:
      return { kind: 'everyone' };
    case 1:
      return { kind: 'rollout', percentage: (i * 7) % 100 };
    case 2:
      return { kind: 'staff-then-rollout', percentage: 10 };
    case 3:
      return { kind: 'countries', percentage: 50 };
    default:
      return { kind: 'paying', percentage: 50 };
  }
}

export const FLAGS: readonly BenchFlag[] = Array.from({ length: 50 }, (_, i) => ({
  key: `flag-${String(i).padStart(2, '0')}`,
  enabled: i % 10 !== 9,
  clientSide: i % 5 === 0,
  shape: shapeOf(i),
}));

/** The context every evaluation request sends: staff, paying, in a listed country. */
export const CONTEXT = { userId: 'user-7f3a9c2e', email: 'ana@example.com', country: 'FR', plan: 'pro' } as const;
