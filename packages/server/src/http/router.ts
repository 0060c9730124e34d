import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { validationFailed } from '../base/errors.js';
import { issueDetails } from '../model/issue-details.js';

/**
 * A router whose failed validations throw `validation_failed` with one detail per bad field,
 * so that `app.onError` is the only place that writes error responses.
 *
 * @example
 * const router = createRouter();
 * router.openapi(route, handler);
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(issueDetails(result.error.issues));
    },
  });
}
