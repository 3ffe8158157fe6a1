import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';

/**
 * HUB_BENCH_PROFILE=dir: a V8 CPU profile of each hub phase (the process's whole CPU during it:
 * the hub and the bench's HTTP client), written as dir/<phase>.cpuprofile for Chrome DevTools
 * or any .cpuprofile reader. Off by default: the profiler slows what it measures.
 */
export async function profiled<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.HUB_BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${phase}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** The CPU this process spent (user + system, ms) while `work` ran: a figure other processes' load barely moves. */
export async function withCpu<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const start = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(start);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}
