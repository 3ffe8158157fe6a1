// A jest reporter (registered in package.json next to "default") that ends the run with what ran
// where: per project (unit, sqlite, mariadb) the files and tests that ran and passed, and the
// end-to-end files that ran on one database only: on purpose (the file skips itself on the other
// one, e.g. the token CLI touches no database), or because the other half did not run at all.
// Plain JavaScript: jest loads reporters without transforming them.
const { relative } = require('node:path');

const DATABASES = ['sqlite', 'mariadb'];

/** @typedef {{ files: number, filesPassed: number, filesFailed: number, filesSkipped: number,
 *              tests: number, passed: number, failed: number, skipped: number }} Tally */

class DatabaseSummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_testContexts, aggregated) {
    /** @type {Map<string, Tally>} */
    const projects = new Map();
    /** @type {Map<string, Map<string, 'ran' | 'skipped'>>} file → database → outcome */
    const e2e = new Map();
    for (const result of aggregated.testResults) {
      const project = result.displayName?.name ?? '(no project)';
      const tally = projects.get(project) ?? { files: 0, filesPassed: 0, filesFailed: 0, filesSkipped: 0, tests: 0, passed: 0, failed: 0, skipped: 0 };
      projects.set(project, tally);
      const ran = result.numPassingTests + result.numFailingTests;
      const failed = result.numFailingTests > 0 || result.testExecError !== undefined;
      tally.files += 1;
      if (failed) tally.filesFailed += 1;
      else if (ran === 0) tally.filesSkipped += 1;
      else tally.filesPassed += 1;
      tally.tests += ran;
      tally.passed += result.numPassingTests;
      tally.failed += result.numFailingTests;
      tally.skipped += result.numPendingTests + result.numTodoTests;
      if (DATABASES.includes(project)) {
        const file = relative(this.rootDir, result.testFilePath);
        const where = e2e.get(file) ?? new Map();
        e2e.set(file, where);
        where.set(project, ran > 0 || result.testExecError !== undefined ? 'ran' : 'skipped');
      }
    }
    if (projects.size === 0) return;

    const lines = ['', 'Tests per project:'];
    const width = Math.max(...[...projects.keys()].map((name) => name.length));
    for (const [name, t] of [...projects].sort(([a], [b]) => order(a) - order(b))) {
      const files = [`${t.filesPassed} passed`, t.filesFailed && `${t.filesFailed} failed`, t.filesSkipped && `${t.filesSkipped} skipped`].filter(Boolean).join(', ');
      const tests = [`${t.passed} passed`, t.failed && `${t.failed} failed`, t.skipped && `${t.skipped} skipped`].filter(Boolean).join(', ');
      lines.push(`  ${name.padEnd(width)}  ${plural(t.files, 'file')} (${files}); ${plural(t.tests, 'test')} ran (${tests})`);
    }

    // Which databases ran any test at all: a whole half that did not run is said once, not per file.
    const halves = DATABASES.filter((db) => (projects.get(db)?.tests ?? 0) > 0);
    for (const db of DATABASES) {
      if (projects.has(db) && !halves.includes(db)) lines.push(`  The ${db} half ran no test (skipped: see the notice above).`);
    }
    if (halves.length === 2) {
      const single = [];
      for (const [file, where] of e2e) {
        const on = DATABASES.filter((db) => where.get(db) === 'ran');
        if (on.length !== 1) continue;
        const other = DATABASES.find((db) => db !== on[0]);
        const why = where.get(other) === 'skipped' ? `by design: the file skips its tests on ${other}` : `not run on ${other} in this run`;
        single.push([file, `${on[0]} only`, why]);
      }
      if (single.length === 0) {
        lines.push('  Every end-to-end file that ran, ran on both SQLite and MariaDB.');
      } else {
        lines.push('End-to-end files that ran on one database only:');
        const fileWidth = Math.max(...single.map(([file]) => file.length));
        const onWidth = Math.max(...single.map(([, on]) => on.length));
        for (const [file, on, why] of single.sort(([a], [b]) => a.localeCompare(b))) {
          lines.push(`  ${file.padEnd(fileWidth)}  ${on.padEnd(onWidth)}  (${why})`);
        }
      }
    }
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

function order(project) {
  const i = ['unit', ...DATABASES].indexOf(project);
  return i === -1 ? 99 : i;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

module.exports = DatabaseSummaryReporter;
