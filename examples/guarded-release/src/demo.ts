/**
 * The demo: starts a Rampart server (the built binary, on a temporary database), releases
 * `new-checkout` 10 % → 50 % → 100 % under a guard, and from the 50 % step on makes the new
 * checkout fail for 5 % of requests against 1 % for the old one. The guard sees the spike and
 * kills the flag; the demo prints the figures as they grow, then the audit entry.
 *
 *   npm run demo -w @rampart/example-guarded-release
 */
import { recordOf, startRampart } from './rampart.js';
import { ENVIRONMENT, FLAG, runGuardedRelease } from './release.js';

const rampart = await startRampart();
try {
  console.log(`Rampart at ${rampart.url}; releasing ${FLAG} in ${ENVIRONMENT} under a guard.`);
  console.log('From the 50 % step on, the new checkout fails for 5 % of requests, the old one for 1 %.\n');
  const outcome = await runGuardedRelease({
    rampart,
    errorRate: { newCheckout: 0.05, oldCheckout: 0.01 },
    spikeFromStep: 1,
    onProgress: (line) => console.log(line),
  });
  console.log(`\n${outcome.requests} requests, ${outcome.failures} failures.`);
  if (outcome.plan.status !== 'killed') {
    console.log(`The plan ended ${String(outcome.plan.status)}, not killed.`);
    process.exitCode = 1;
  } else {
    console.log(
      `Killed ${((outcome.killedAt ?? 0) / 1000).toFixed(1)} s into the release; every service's SDK answered off ${(((outcome.offEverywhereAt ?? 0) - (outcome.killedAt ?? 0)) / 1000).toFixed(1)} s later.`,
    );
    const audit = await rampart.admin('GET', `/audit?flag=${FLAG}&environment=${ENVIRONMENT}`);
    const entries = Array.isArray(audit.entries) ? audit.entries.map(recordOf) : [];
    const killed = entries.find((entry) => entry.action === 'release.killed');
    console.log(
      `\nThe audit entry (${String(killed?.action)} by ${String(killed?.actor)}):\n${String(killed?.reason)}`,
    );
  }
} finally {
  await rampart.stop();
}
