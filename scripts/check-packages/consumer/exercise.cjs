// What the scratch project asks of the installed tarballs. `esm.mjs` and `cjs.cjs` load the
// packages their own way (import, require) and hand them here, so both module systems answer
// the same questions.
const assert = require('node:assert/strict');

const URL = 'http://rampart.test';

/** A rule for everyone whose `attribute` passes `operator` with `value`. */
const rule = (id, attribute, operator, value) => ({
  id,
  conditions: [{ attribute, operator, values: [value] }],
  rollout: { percentage: 100 },
});
// Operators that lean on core's dependencies: semver, ipaddr.js and re2js.
const checkout = (enabled) => ({
  key: 'new-checkout',
  enabled,
  rules: [
    rule('beta', 'version', 'semver_gte', '2.0.0'),
    rule('office', 'remoteAddress', 'in_cidr', '10.0.0.0/8'),
    rule('staff', 'email', 'regex', '@rampart\\.dev$'),
  ],
});
const snapshot = (version, enabled) => ({
  environment: 'production',
  version,
  flags: [checkout(enabled)],
  segments: [],
});
const contexts = [
  { version: '2.1.0' },
  { remoteAddress: '10.1.2.3' },
  { email: 'ana@rampart.dev' },
  { version: '1.9.0' },
];

function checkCore({ core, stream, sdk }) {
  const compiled = core.compile(snapshot(1, true));
  const rules = contexts.map((context) => core.evaluate(compiled, 'new-checkout', context).ruleId ?? 'none');
  assert.deepEqual(rules, ['beta', 'office', 'staff', 'none'], '@rampart/core: evaluate() picks the matching rule');
  assert.equal(core.evaluate(compiled, 'missing', {}).errorCode, 'FLAG_NOT_FOUND', '@rampart/core: unknown flag');

  const messages = [];
  const feed = stream.createSseParser({ onEvent: (message) => messages.push(message), onRetry: () => {} });
  feed('event: flags\nid: 7\ndata: {"a":1}\n');
  feed('\n');
  assert.deepEqual(messages, [{ event: 'flags', id: '7', data: '{"a":1}' }], '@rampart/core/stream: createSseParser');

  const error = new sdk.SdkError('connection', 'lost', { cause: 'reset' });
  assert.ok(
    error instanceof Error && error.code === 'connection' && error.cause === 'reset',
    '@rampart/core/sdk: SdkError',
  );
}

async function checkNode({ core, testing, sdkNode, openfeature, OpenFeature }) {
  assert.equal(sdkNode.SdkError, core.SdkError, '@rampart/sdk-node: one copy of @rampart/core is installed');
  const platform = testing.createFakePlatform();
  const client = sdkNode.createClient({ url: URL, sdkKey: 'rps_test', bootstrap: snapshot(1, true), platform });
  assert.equal(client.isEnabled('new-checkout', contexts[0]), true, '@rampart/sdk-node: answers from its bootstrap');

  await platform.settle();
  assert.equal(platform.last.url, `${URL}/api/v1/sdk/stream`, '@rampart/sdk-node: opens the stream');
  platform.last.write(`event: snapshot\nid: 2\ndata: ${JSON.stringify(snapshot(2, false))}\n\n`);
  assert.equal(await client.ready(), 'ready', '@rampart/sdk-node: ready() once the snapshot arrives');
  assert.equal(client.version, 2, '@rampart/sdk-node: version of the streamed snapshot');
  assert.equal(client.isEnabled('new-checkout', contexts[0]), false, '@rampart/sdk-node: answers from the stream');

  await OpenFeature.setProviderAndWait(new openfeature.RampartProvider(client));
  const details = await OpenFeature.getClient().getBooleanDetails('new-checkout', true, { targetingKey: 'u1' });
  assert.deepEqual([details.value, details.reason], [false, 'DISABLED'], '@rampart/sdk-node/openfeature: provider');
  await OpenFeature.close();
  await client.close();
  assert.equal(client.status, 'closed', '@rampart/sdk-node: close()');
}

function checkReact({ sdk, sdkReact, react, reactDomServer }) {
  assert.equal(sdkReact.SdkError, sdk.SdkError, '@rampart/sdk-react: one copy of @rampart/core is installed');
  const bootstrap = {
    version: 3,
    flags: { 'new-checkout': { enabled: true, variant: 'b', value: 'blue', reason: 'SPLIT' } },
  };
  const store = sdkReact.createFlagStore({ url: URL, clientKey: 'rpc_test', bootstrap });
  assert.equal(store.getSnapshot().flags['new-checkout']?.enabled, true, '@rampart/sdk-react: store from bootstrap');
  store.close();
  assert.equal(store.status, 'closed', '@rampart/sdk-react: close()');

  // Server rendering: the hooks answer from the bootstrap and nothing connects.
  const Banner = () => {
    const on = sdkReact.useFlag('new-checkout');
    const { value } = sdkReact.useVariant('new-checkout');
    return react.createElement('p', null, on ? `new checkout in ${value}` : 'old checkout');
  };
  const props = { url: URL, clientKey: 'rpc_test', bootstrap };
  const app = react.createElement(sdkReact.RampartProvider, props, react.createElement(Banner));
  const html = reactDomServer.renderToString(app);
  assert.equal(
    html,
    '<p>new checkout in blue</p>',
    '@rampart/sdk-react: RampartProvider and hooks under renderToString',
  );
}

/** Runs every check; an assertion names the package and the behaviour that broke. */
async function exercise(modules) {
  checkCore(modules);
  await checkNode(modules);
  checkReact(modules);
}

module.exports = { exercise };
