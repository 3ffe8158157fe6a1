import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Which way the big folders may depend on each other (checked on the source text, every relative
// import, type-only ones included):
//  - adapters/ (a department's protocol, simulator and mapping) sees of src/ only the adapter
//    interface and pure helpers — never a service, an entity or the database — so a department's
//    folder can be read, tested and replaced on its own;
//  - src/ reaches adapters/ only from the composition root (src/composition.ts: the protocols the
//    partner file may name) and its command-line programs (src/cli/); the hub's modules know
//    adapters through the interface alone.

const ROOT = resolve(__dirname, '..', '..');

/** What adapters/ may import from src/. */
const ADAPTER_MAY_USE = new Set([
  'src/delivery/department-adapter.ts', // the one interface
  'src/access/roles.ts', // Department, Role
  'src/access/identity-number.ts', // the identity number's check (pure)
  'src/common/dates.ts', // date checks (pure)
  'src/common/ids.ts', // ULIDs (pure)
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every relative import of a file (type-only too), resolved to a path relative to the repository. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s[^;'"]*?['"](\.[^'"]+)['"]/gm)) {
    const base = resolve(dirname(file), m[1]);
    const found = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (found) out.push(relative(ROOT, found));
  }
  return out;
}

describe('dependency rules', () => {
  it('adapters/ uses only the adapter interface and pure helpers of src/', () => {
    const breaking = files(join(ROOT, 'adapters')).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('src/') && !ADAPTER_MAY_USE.has(target))
        .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(breaking).toEqual([]);
  });

  it('src/ reaches adapters/ only from the composition root and its command-line programs', () => {
    const breaking = files(join(ROOT, 'src')).flatMap((file) =>
      relative(ROOT, file).startsWith('src/cli/') || relative(ROOT, file) === 'src/composition.ts'
        ? []
        : importsOf(file)
            .filter((target) => target.startsWith('adapters/'))
            .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(breaking).toEqual([]);
  });

  it('common/ and db/ know no domain module: the composition root hands them what they need', () => {
    const DOMAIN = ['intake', 'referrals', 'calendar', 'sla', 'delivery', 'reports', 'timeline', 'classification', 'cases'].map((d) => `src/${d}/`);
    const breaking = ['common', 'db'].flatMap((folder) =>
      files(join(ROOT, 'src', folder)).flatMap((file) =>
        importsOf(file)
          .filter((target) => DOMAIN.some((d) => target.startsWith(d)))
          .map((target) => `${relative(ROOT, file)} → ${target}`),
      ),
    );
    expect(breaking).toEqual([]);
  });

  it('reads the imports it judges (a rule that sees nothing proves nothing)', () => {
    expect(files(join(ROOT, 'adapters')).length).toBeGreaterThan(20);
    expect(importsOf(join(ROOT, 'adapters', 'judicial', 'mapping.ts'))).toContain('src/common/dates.ts');
    expect(importsOf(join(ROOT, 'src', 'cli', 'conformance.ts'))).toContain('adapters/conformance.ts');
    expect(importsOf(join(ROOT, 'src', 'composition.ts'))).toContain('adapters/index.ts');
    expect(importsOf(join(ROOT, 'src', 'entities.ts'))).toContain('src/cases/case.entity.ts');
    expect(importsOf(join(ROOT, 'src', 'common', 'command.ts'))).toContain('src/db/unit-of-work.ts');
  });
});
