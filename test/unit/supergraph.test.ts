import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, readSubgraphs } from '../../src/federation/supergraph';

// schema/supergraph.graphql is the composition of the shipped gateway/subgraphs.json (the hub's
// schema/hub.graphql, which schema-contract.test.ts keeps equal to the code, and the medical
// insurance bureau's subgraph); a department subgraph that conflicts fails with its name.

const ROOT = join(__dirname, '..', '..');

describe('the supergraph', () => {
  it('matches the checked-in schema/supergraph.graphql (run `npm run schema` after changing a subgraph)', () => {
    const composed = composeSupergraph(readSubgraphs(join(ROOT, 'gateway', 'subgraphs.json')), ROOT);
    expect(composed).toMatchObject({ ok: true });
    if (composed.ok) expect(composed.supergraphSdl).toBe(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
  });

  it('joins the medical bureau’s fields to the hub’s entities', () => {
    const sdl = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    expect(sdl).toMatch(/medicalSettlement: MedicalSettlement @join__field\(graph: MEDICAL, requires: "department"\)/);
    expect(sdl).toMatch(/medicalInsurance: MedicalInsurance @join__field\(graph: MEDICAL\)/);
  });

  it('fails, naming the subgraph, when a department subgraph gives a hub field another type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
    writeFileSync(
      join(dir, 'rogue.graphql'),
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
       type Referral @key(fields: "id") { id: ID! status: Int @shareable }`,
    );
    const subgraphs = [
      { name: 'hub', url: 'http://localhost:4000/graphql', schema: join(ROOT, 'schema', 'hub.graphql') },
      { name: 'rogue', url: 'http://localhost:4300/graphql', schema: join(dir, 'rogue.graphql') },
    ];
    const composed = composeSupergraph(subgraphs, '/');
    expect(composed.ok).toBe(false);
    if (!composed.ok) expect(composed.errors.join('\n')).toMatch(/Referral\.status/);
    if (!composed.ok) expect(composed.errors.join('\n')).toMatch(/rogue/);
  });

  it('names a subgraph whose SDL does not parse, and a bad list entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
    writeFileSync(join(dir, 'broken.graphql'), 'type {');
    expect(composeSupergraph([{ name: 'broken', url: 'http://x.example/graphql', schema: join(dir, 'broken.graphql') }], '/')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^subgraph broken \(/)],
    });
    writeFileSync(join(dir, 'list.json'), JSON.stringify({ subgraphs: [{ name: 'Medical Bureau', url: 'http://x.example/graphql', schema: 'x' }] }));
    expect(() => readSubgraphs(join(dir, 'list.json'))).toThrow(/subgraphs\.0\.name: must be a short lower-case name/);
  });
});
