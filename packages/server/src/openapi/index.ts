export type { DocsAssets } from './docs-assets.js';
export { registerOpenApiDocument } from './openapi-document.js';
