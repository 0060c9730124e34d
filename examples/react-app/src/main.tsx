import { RampartProvider } from '@rampart/sdk-react';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app';

const config = window.__RAMPART__;
const container = document.getElementById('root');
if (!config || !container)
  throw new Error('The page has no Rampart configuration or no #root: serve it with `npm start`.');

const page = (
  <StrictMode>
    <RampartProvider {...config}>
      <App />
    </RampartProvider>
  </StrictMode>
);
// A server-rendered page comes with the results it was rendered with: hydrate over its HTML.
if (config.bootstrap) hydrateRoot(container, page);
else createRoot(container).render(page);
