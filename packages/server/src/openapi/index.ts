export { registerOpenApiDocument } from './openapi-document.js';
export { docsPage } from './docs-page.js';
