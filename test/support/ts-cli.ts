import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The hub's command-line tools (src/cli/*.ts), run from their TypeScript source in a child process
// through a tiny require hook (typescript.transpileModule, the same per-file transpilation ts-jest
// does under isolatedModules): a test needs no build and never reads a stale dist/.

export const ROOT = resolve(__dirname, '../..');

/** Writes the require hook into `dir` and returns its path. */
export function writeTsHook(dir: string): string {
  const hook = join(dir, 'ts-hook.js');
  writeFileSync(
    hook,
    `const ts = require(${JSON.stringify(require.resolve('typescript', { paths: [ROOT] }))});
const fs = require('fs');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true,
      emitDecoratorMetadata: true, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(outputText, filename);
};
`,
  );
  return hook;
}

/** Runs src/cli/<name>.ts with `args`, only PATH, HOME and `env` in its environment. */
export function runTsCli(hook: string, name: string, args: string[], env: Record<string, string>, cwd: string) {
  const settings: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, ['-r', hook, join(ROOT, 'src/cli', `${name}.ts`), ...args], { cwd, env: settings, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
