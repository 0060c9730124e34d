export { registerOpenApiDocument } from './openapi-document.js';
