/**
 * Loaded into a measured server with `--expose-gc --import`: on SIGUSR2 it collects garbage
 * and prints one `MEMORY <json>` line of `process.memoryUsage()` to stderr.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  process.stderr.write(`MEMORY ${JSON.stringify(process.memoryUsage())}\n`);
});
