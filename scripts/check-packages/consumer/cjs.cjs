// The packages as a CommonJS application requires them.
const { OpenFeature } = require('@openfeature/server-sdk');
const { exercise } = require('./exercise.cjs');

const modules = {
  core: require('@rampart/core'),
  sdk: require('@rampart/core/sdk'),
  stream: require('@rampart/core/stream'),
  testing: require('@rampart/core/testing'),
  sdkNode: require('@rampart/sdk-node'),
  openfeature: require('@rampart/sdk-node/openfeature'),
  sdkReact: require('@rampart/sdk-react'),
  react: require('react'),
  reactDomServer: require('react-dom/server'),
  OpenFeature,
};

// An unmet expectation rejects, and Node exits with it (status 1).
exercise(modules);
