// Generates the console's typed GraphQL documents (graphql-codegen's client preset) from the hub's
// printed schema, schema/hub.graphql, and the `graphql(`…`)` documents in console/src.
// Run through @graphql-codegen/core rather than its CLI: the CLI's loaders need Node 22.
import { readdirSync, readFileSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, GraphQLError } from 'graphql';
import { codegen } from '@graphql-codegen/core';
import { preset } from '@graphql-codegen/client-preset';

const consoleDir = resolve(fileURLToPath(import.meta.url), '../..');
const repoDir = resolve(consoleDir, '..');
const sourceDir = join(consoleDir, 'src');
const outputDir = join(sourceDir, 'gql') + '/';

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// The preset matches a call by the exact text between the backticks, so take it verbatim.
const DOCUMENT = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const documents = [];
for (const file of sourceFiles(sourceDir)) {
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(DOCUMENT)) {
    const location = relative(repoDir, file);
    try {
      documents.push({ location, document: parse(match[1]), rawSDL: match[1] });
    } catch (error) {
      throw new Error(`${location}: ${error instanceof GraphQLError ? error.message : error}`);
    }
  }
}

const sdl = readFileSync(join(repoDir, 'schema/hub.graphql'), 'utf8');
// The printed subgraph SDL uses federation directives; declare them so it builds on its own.
const federation = /@(key|link|shareable|external|requires|provides|tag|inaccessible|override|composeDirective|interfaceObject|authenticated|requiresScopes|policy)\b/.test(sdl)
  ? 'directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE\n' +
    'directive @link(url: String, as: String, for: String, import: [String]) repeatable on SCHEMA\n' +
    'directive @shareable repeatable on OBJECT | FIELD_DEFINITION\n'
  : '';
const schemaAst = buildSchema(federation + sdl, { assumeValidSDL: true });
const config = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { Date: 'string', DateTime: 'string' },
  strictScalars: true,
};
const sections = await preset.buildGeneratesSection({
  baseOutputDir: outputDir,
  presetConfig: { fragmentMasking: false },
  plugins: [],
  pluginMap: {},
  schema: parse(federation + sdl),
  schemaAst,
  documents,
  config,
  documentTransforms: [],
});

rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });
for (const section of sections) {
  const output = await codegen({ ...section, cache: undefined });
  writeFileSync(section.filename, output);
}
console.log(`console: ${documents.length} GraphQL documents typed into ${relative(repoDir, outputDir)}`);
