import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildASTSchema,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLSchema,
  parse,
  print,
} from 'graphql';
import { printHubSdl } from '../../src/graphql/print';
import { buildHubSchema } from '../../src/graphql/schema';

const ROOT = join(__dirname, '..', '..');
// The published contract, checked in beside the printed schema; SHARED is where its owners keep it
// (present on a developer's machine, not necessarily in a clean clone).
const CONTRACT = join(ROOT, 'schema', 'contract', 'hub-core.graphql');
const SHARED = join(ROOT, '..', 'shared', 'contract', 'hub-core.graphql');
const CHECKED_IN = join(ROOT, 'schema', 'hub.graphql');
const normalize = (sdl: string) => print(parse(sdl)).replace(/\s+/g, ' ').trim();

/** Every type, field, argument (with type and default) and enum value of `contract`, as lines. */
export function contractItems(contract: GraphQLSchema): Map<string, string> {
  const items = new Map<string, string>();
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    items.set(type.name, type.constructor.name);
    if (type instanceof GraphQLEnumType) for (const v of type.getValues()) items.set(`${type.name}.${v.name}`, 'value');
    if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) {
      for (const field of Object.values(type.getFields())) {
        items.set(`${type.name}.${field.name}`, String(field.type));
        for (const arg of field.args) {
          items.set(`${type.name}.${field.name}(${arg.name})`, `${String(arg.type)} = ${JSON.stringify(arg.defaultValue ?? null)}`);
        }
      }
    }
    if (type instanceof GraphQLInputObjectType) {
      for (const field of Object.values(type.getFields())) {
        items.set(`${type.name}.${field.name}`, `${String(field.type)} = ${JSON.stringify(field.defaultValue ?? null)}`);
      }
    }
  }
  return items;
}

describe('the published schema', () => {
  let code: string;
  beforeAll(async () => {
    code = await printHubSdl();
  });

  it('matches the checked-in schema/hub.graphql (run `npm run schema` after changing the API)', () => {
    expect(normalize(code)).toBe(normalize(readFileSync(CHECKED_IN, 'utf8')));
  });

  it('contains everything the contract publishes, with the same types and defaults', async () => {
    const contract = contractItems(buildASTSchema(parse(readFileSync(CONTRACT, 'utf8'))));
    const hub = contractItems(await buildHubSchema());
    const missing = [...contract].filter(([key, value]) => hub.get(key) !== value).map(([key, value]) => `${key}: ${value} (hub: ${hub.get(key)})`);
    expect(missing).toEqual([]);
    expect(contract.size).toBeGreaterThan(250);
  });

  const shared = existsSync(SHARED) ? it : it.skip;
  shared('keeps its copy of the contract identical to the owners\' published one', () => {
    expect(readFileSync(CONTRACT, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });

  it('is a federation subgraph with Case, Referral and Person keyed by id', async () => {
    for (const type of ['Case', 'Referral', 'Person']) {
      expect(code).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    }
    const schema = await buildHubSchema();
    expect(schema.getQueryType()!.getFields()._service).toBeDefined();
    expect(schema.getQueryType()!.getFields()._entities).toBeDefined();
  });
});
