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

await exercise({ core, sdk, stream, testing, sdkNode, openfeature, sdkReact, react, reactDomServer, OpenFeature });
