// The server's layers, checked by `npm run lint` (dependency-cruiser). Lowest first:
//   base/                    the leaf vocabulary: clock, randomness, build info, logger, errors
//   outbound/                requests to administrators' URLs (webhooks): address policy, timeouts, caps
//   store/, bus/             the storage and change-bus ports and their implementations
//   model/                   the flag model's shared schemas and validation
//   auth/, http/             who is calling; the HTTP edge (router, error mapping, middleware)
//   metrics/, change/        the metrics registry; the change/audit transaction every write runs in
//   features                 one folder each; another feature is reached only through its index.ts
//   src/*.ts                 the wiring (app.ts, deps.ts) and the entry points; nothing imports them
const FEATURES = [
  'audit',
  'change-sets',
  'delivery',
  'environments',
  'flag-configs',
  'flags',
  'health',
  'keys',
  'ofrep',
  'openapi',
  'people',
  'release-plans',
  'segments',
  'sso',
  'triggers',
  'unleash-import',
  'web-ui',
  'webhooks',
];
const features = `(${FEATURES.join('|')})`;
const TESTS = '(\\.test\\.ts$|^src/test-support/|^src/store/contract|^src/bus/contract)';

/** A layer may import itself and the layers named; anything else under src/ is forbidden. */
const layer = (name, folders, allowed) => ({
  name: `layer-${name}`,
  comment: `${folders.join(', ')} may import only ${allowed.join(', ') || 'nothing else in src'}`,
  severity: 'error',
  from: { path: `^src/(${folders.join('|')})/`, pathNot: TESTS },
  to: { path: '^src/', pathNot: `^src/(${[...folders, ...allowed].join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('base', ['base'], []),
    layer('outbound', ['outbound'], ['base']),
    layer('ports', ['store', 'bus'], ['base']),
    layer('model', ['model'], ['base', 'store']),
    layer('auth', ['auth'], ['base', 'store', 'model']),
    layer('http', ['http'], ['base', 'store', 'model', 'auth']),
    layer('services', ['metrics', 'change'], ['base', 'store', 'bus', 'model', 'auth', 'http']),
    {
      name: 'feature-internals',
      comment: "another feature's modules are reached only through its index.ts",
      severity: 'error',
      from: { path: `^src/([^/]+)/`, pathNot: '^src/test-support/' },
      to: { path: `^src/${features}/(?!index\\.ts$)`, pathNot: '^src/$1/' },
    },
    {
      name: 'wiring-uses-feature-index',
      comment: 'the wiring and entry points reach a feature only through its index.ts',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: TESTS },
      to: { path: `^src/${features}/(?!index\\.ts$)` },
    },
    {
      name: 'no-upward-into-wiring',
      comment: 'nothing imports the wiring module or the entry points (tests may, to run the whole app)',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: TESTS },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'test-support-only-in-tests',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { path: '^src/test-support/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
