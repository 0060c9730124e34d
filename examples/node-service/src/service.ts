import { createClient } from '@rampart/sdk-node';
import { createCheckoutServer } from './checkout.js';

// The service on its own: RAMPART_URL (default http://127.0.0.1:4000), RAMPART_SDK_KEY (a server key), PORT.
const flags = createClient({
  url: process.env.RAMPART_URL ?? 'http://127.0.0.1:4000',
  sdkKey: process.env.RAMPART_SDK_KEY ?? '',
  context: { appName: 'checkout-service' },
});
flags.on('error', (error) => console.error(`rampart: ${error.message}`));
console.log(`flags: ${await flags.ready()}`);

const server = createCheckoutServer(flags);
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address();
  console.log(`checkout service on http://127.0.0.1:${typeof address === 'object' && address ? address.port : '?'}`);
});
const stop = () => server.close(() => void flags.close());
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
