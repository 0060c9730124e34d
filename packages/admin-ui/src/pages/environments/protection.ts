import type { Schemas } from '../../api.js';

type Environment = Schemas['Environment'];

/** The protection form: whether the environment is protected, and whether editors may still change it. */
export interface ProtectionForm {
  protected: boolean;
  editors: boolean;
}

/** The form as an environment's protection fills it. */
export function protectionFormOf(environment: Environment): ProtectionForm {
  return { protected: environment.protected, editors: environment.protectedRoles.includes('editor') };
}

/**
 * Who may change configurations in the environment, in words. Viewers cannot change
 * configurations anywhere, so listing them changes nothing and is not mentioned.
 *
 * @example
 * whoMayChange({ protected: true, protectedRoles: [] }); // 'Admins only'
 */
export function whoMayChange(environment: Pick<Environment, 'protected' | 'protectedRoles'>): string {
  if (!environment.protected) return 'Editors and admins';
  return environment.protectedRoles.includes('editor') ? 'Admins and editors' : 'Admins only';
}

/**
 * The roles besides admins that the form lists. Roles the form does not show (a `viewer` set
 * through the API) are kept as they are.
 */
function rolesOf(form: ProtectionForm, current: readonly Environment['protectedRoles'][number][]) {
  const others = current.filter((role): role is 'viewer' => role === 'viewer');
  return form.editors ? ['editor' as const, ...others] : others;
}

/**
 * The PATCH that gives an environment the form's protection.
 *
 * @example
 * protectionBody({ protected: true, editors: true }, []); // { protected: true, protectedRoles: ['editor'] }
 */
export function protectionBody(
  form: ProtectionForm,
  current: readonly Environment['protectedRoles'][number][],
): Schemas['UpdateEnvironment'] {
  return { protected: form.protected, protectedRoles: rolesOf(form, current) };
}

/**
 * The request that creates an environment: the key trimmed, the name left out when empty
 * (the server names it after its key), and the roles only when it is protected.
 */
export function createEnvironmentBody(
  form: ProtectionForm & { key: string; name: string },
): Schemas['CreateEnvironment'] {
  const name = form.name.trim();
  return {
    key: form.key.trim(),
    ...(name === '' ? {} : { name }),
    protected: form.protected,
    ...(form.protected ? { protectedRoles: rolesOf(form, []) } : {}),
  };
}
