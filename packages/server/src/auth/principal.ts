import type { AuditVia, KeyKind, Role } from '../store/store.js';

/** Who acts, as the audit log records it: a name (a person's email, a key's name) and how. */
export interface Actor {
  name: string;
  via: AuditVia;
}

/** Who a request comes from: a key, or a person signed in or using a personal access token. */
export interface Principal {
  /** The key's id; for a person, their user id. */
  keyId: string;
  kind: KeyKind | 'person';
  /** The key's name or the person's email. */
  name: string;
  /** Server and client keys' environment; `null` otherwise. */
  environment: string | null;
  /** What it may do on the admin API: `admin` for admin keys, a person's role (capped by their token's); `null` for server and client keys. */
  role: Role | null;
  /** What the audit log records. */
  actor: Actor;
  /** A person signed in with a browser session: writes must come from this server's own pages (see auth/csrf.ts). */
  session?: { hash: string; userId: string } | undefined;
  /** The personal access token used, if any. */
  tokenId?: string | undefined;
}

/** Hono's environment type for the app: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    /**
     * On the admin API: whether the request's credential still admits it, checked again as when
     * it arrived (a revoked key or token, an ended session, a disabled person: `false`). For
     * answers that last, such as a stream; a store that cannot answer rejects.
     */
    stillAdmitted: (() => Promise<boolean>) | undefined;
    /** From `X-Request-Id`, else generated; echoed in the response and in the request's log line. */
    requestId: string;
  };
}
