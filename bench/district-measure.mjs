// What every benchmark child reports, measured the same way for each crawler: the CPU of this
// process (user + system) and wall time over the crawl alone (module loading excluded), and the
// peak resident memory of the whole life of the process (VmHWM, the kernel's own high-water mark).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export function startMeasure() {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  return (counts) => {
    const used = process.cpuUsage(cpu);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return {
      ...counts,
      wallS: (performance.now() - t0) / 1000,
      cpuMs: (used.user + used.system) / 1000,
      peakRssMb: Number(hwm) / 1024,
      load1: loadavg()[0],
    };
  };
}

/** `--ports 1,2,3` and the other `--name value` pairs of argv. */
export function childArgs() {
  const a = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) a[argv[i].slice(2)] = argv[i + 1];
  return { ...a, ports: (a.ports ?? '').split(',').filter(Boolean).map(Number) };
}
