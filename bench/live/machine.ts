import { cpus, loadavg } from 'node:os';

/** One line naming Node, the platform, the cores and the load, for the reports. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores (${cpu}), load average ${load}`;
}
