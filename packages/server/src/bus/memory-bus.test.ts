import { runBusContract } from './contract.js';
import { createMemoryHub } from './memory-bus.js';

const hub = createMemoryHub();
runBusContract({ name: 'in-process', connect: async () => hub.connect() });
