/**
 * Checks `condition` every `intervalMs` until it holds, for things a test cannot be told about
 * (another process's state); rejects with `what` after `timeoutMs`.
 *
 * @example
 * await waitFor('server A ready', async () => (await fetch(`${a.url}/health/ready`)).status === 200);
 */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
