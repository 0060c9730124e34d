// The packages as an ES module application imports them.
import { OpenFeature } from '@openfeature/server-sdk';
import * as core from '@rampart/core';
import * as sdk from '@rampart/core/sdk';
import * as stream from '@rampart/core/stream';
import * as testing from '@rampart/core/testing';
import * as sdkNode from '@rampart/sdk-node';
import * as openfeature from '@rampart/sdk-node/openfeature';
import * as sdkReact from '@rampart/sdk-react';
import * as react from 'react';
import * as reactDomServer from 'react-dom/server';
import { exercise } from './exercise.cjs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as apiClient from '@rampart/api-client';

await exercise({ core, sdk, stream, testing, sdkNode, openfeature, sdkReact, react, reactDomServer, OpenFeature });

// The API client and the CLI are ES modules only: checked here, not in the CommonJS consumer.
const require = createRequire(import.meta.url);
const document = require('@rampart/api-client/openapi.json');
if (typeof document.paths['/api/v1/change-sets']?.post !== 'object') throw new Error('openapi.json lacks its routes');
const client = apiClient.createRampartClient({
  baseUrl: 'http://rampart.invalid',
  fetch: async () => Response.json({ error: { code: 'not_found', message: 'no such flag' } }, { status: 404 }),
});
const failure = await apiClient.unwrap(client.GET('/api/v1/flags')).catch((error) => error);
if (!(failure instanceof apiClient.RampartApiError) || failure.code !== 'not_found')
  throw new Error('@rampart/api-client did not report the API error');
const version = execFileSync('node_modules/.bin/rampart', ['--version'], { encoding: 'utf8' }).trim();
if (version !== require('@rampart/cli/package.json').version) throw new Error(`rampart --version said ${version}`);
const schema = require('@rampart/cli/rampart.schema.json');
if (schema.properties?.flags?.type !== 'array') throw new Error("the CLI's JSON Schema lacks flags");
