export { RampartProvider } from './openfeature/provider.js';
export { fromOpenFeatureContext } from './openfeature/context.js';
