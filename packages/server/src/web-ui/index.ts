export { registerUiRoutes, UI_CSP, UI_PAGES } from './ui-routes.js';
export type { UiAssets } from './ui-assets.js';
