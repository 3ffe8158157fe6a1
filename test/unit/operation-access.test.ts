import 'reflect-metadata';
import { getMetadataStorage } from 'type-graphql';
import { buildHubSchema, ENTITY_ACCESS } from '../../src/graphql/schema';
import { Role } from '../../src/access/roles';

// Every query and mutation of the hub says who may call it where it is declared (@Allow or
// @SignedIn, src/access/authorization.ts). This walks the schema as clients see it: an operation
// added without a rule — or added outside TypeGraphQL, where no rule can be declared — fails here.

const FEDERATION = new Set(['_entities', '_service']);

describe('declared access', () => {
  let rules: Map<string, Role[] | 'no rule'>;
  let entityTypes: string[];

  beforeAll(async () => {
    const schema = await buildHubSchema();
    const storage = getMetadataStorage();
    rules = new Map();
    for (const [kind, operations] of [
      ['Query', storage.queries],
      ['Mutation', storage.mutations],
    ] as const) {
      const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
      for (const name of Object.keys(type?.getFields() ?? {})) {
        if (FEDERATION.has(name)) continue;
        const declared = operations.find((o) => o.schemaName === name);
        const rule = declared && storage.authorizedFields.find((a) => a.target === declared.target && a.fieldName === declared.methodName);
        rules.set(`${kind}.${name}`, rule ? (rule.roles as Role[]) : 'no rule');
      }
    }
    entityTypes = (schema.getType('_Entity') as { getTypes(): Array<{ name: string }> } | undefined)?.getTypes().map((t) => t.name) ?? [];
  });

  it('has a rule on every query and mutation', () => {
    expect(rules.size).toBeGreaterThan(15);
    expect([...rules].filter(([, rule]) => rule === 'no rule').map(([operation]) => operation)).toEqual([]);
  });

  it('names only roles that exist', () => {
    const roles = new Set<string>(Object.values(Role));
    for (const [operation, rule] of rules) if (rule !== 'no rule') expect({ operation, unknown: rule.filter((r) => !roles.has(r)) }).toEqual({ operation, unknown: [] });
  });

  it('keeps the rules the contract and the design give (a change here is a change of who may do what)', () => {
    const of = (operation: string) => {
      const rule = rules.get(operation);
      return rule === 'no rule' || rule === undefined ? rule : rule.length === 0 ? 'any signed-in caller' : [...rule].sort().join(' ');
    };
    expect(of('Mutation.submitApplication')).toBe('CLERK');
    expect(of('Mutation.withdrawCase')).toBe('CLERK');
    expect(of('Mutation.transferCaseOwnership')).toBe('ADMIN CLERK');
    expect(of('Mutation.claimReferrals')).toBe('DEPARTMENT');
    expect(of('Mutation.resolveReferral')).toBe('DEPARTMENT');
    expect(of('Mutation.publishWorkingCalendar')).toBe('ADMIN');
    expect(of('Query.cases')).toBe('ADMIN CLERK DASHBOARD');
    expect(of('Query.slaReport')).toBe('ADMIN CLERK DASHBOARD');
    expect(of('Query.case')).toBe('any signed-in caller');
  });

  it('has a rule for every entity federation can ask for by reference', () => {
    expect(entityTypes.sort()).toEqual(Object.keys(ENTITY_ACCESS).sort());
  });
});
