import type { KeyKind } from '../store/store.js';

/** The key a request authenticated with. */
export interface Principal {
  keyId: string;
  kind: KeyKind;
  name: string;
  environment: string | null;
}

/** Hono's environment type for the app: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    principal: Principal;
  };
}
