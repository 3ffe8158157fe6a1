import type { Timed } from './dashboard';

/** The bench's table: one line per measure (hub, floor, ratio, statements), then notes. */
export class Report {
  private readonly rows: string[][] = [];
  private readonly notes: string[] = [];

  /** Higher is better: ratio = hub / floor throughput. */
  throughput(label: string, hub: number, floor: number, hubStatements: number, floorStatements: number, per: string): void {
    this.rows.push([label, hub.toFixed(0), floor.toFixed(0), `${(hub / floor).toFixed(2)}×`, `${hubStatements.toFixed(1)} / ${floorStatements.toFixed(1)} ${per}`]);
  }

  /** Lower is better: ratio = hub time / floor time. */
  latency(label: string, hub: Timed, floor: Timed): void {
    this.rows.push([label, hub.p50.toFixed(1), floor.p50.toFixed(1), `${(hub.p50 / floor.p50).toFixed(2)}× the time`, `${hub.statements} / ${floor.statements} per page`]);
    this.notes.push(`dashboard p95 hub ${hub.p95.toFixed(1)} ms, floor ${floor.p95.toFixed(1)} ms; body ${hub.bytes} vs ${floor.bytes} bytes`);
  }

  duration(label: string, hub: number, floor: number, hubStatements: number, floorStatements: number): void {
    this.rows.push([label, hub.toFixed(2), floor.toFixed(2), `${(hub / floor).toFixed(2)}× the time`, `${hubStatements} / ${floorStatements} per scan`]);
  }

  note(line: string): void {
    this.notes.push(line);
  }

  print(): void {
    const table = [['measure', 'hub', 'floor', 'ratio', 'SQL statements hub / floor'], ...this.rows];
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    process.stdout.write('\n');
    for (const r of table) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
    process.stdout.write('\n');
    for (const n of this.notes) process.stdout.write(`- ${n}\n`);
  }
}
