/** What `/health` and `/openapi.json` report about the running build. */
export interface BuildInfo {
  version: string;
  commit?: string | undefined;
}
