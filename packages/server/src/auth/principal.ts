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
    /** From `X-Request-Id`, else generated; echoed in the response and in the request's log line. */
    requestId: string;
  };
}
