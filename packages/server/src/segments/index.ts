export { registerSegmentRoutes } from './segment-routes.js';
export { createSegmentSchema } from './segment-schemas.js';
export type { SegmentInput } from './segment-writes.js';
export { replaceSegmentSchema } from './segment-schemas.js';
export { createSegmentInChange, replaceSegmentInChange } from './segment-writes.js';
