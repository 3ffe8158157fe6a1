import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import { z } from 'zod';

// The federation's composition (The Guild's federation-composition, MIT): the subgraphs listed in
// gateway/subgraphs.json — the hub and each department that contributes its own data — composed
// into the supergraph the gateway serves. A department checks its subgraph here before going live.

const fileSchema = z
  .object({
    subgraphs: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be a short lower-case name, e.g. medical'),
            url: z.string().url('must be the URL of the subgraph’s GraphQL endpoint'),
            schema: z.string().min(1, 'must name the subgraph’s SDL file'),
          })
          .strict(),
      )
      .min(1, 'must list at least the hub'),
  })
  .strict();

export type SubgraphEntry = z.infer<typeof fileSchema>['subgraphs'][number];

/** Reads the subgraph list; an error names the entry and key. */
export function readSubgraphs(path: string): SubgraphEntry[] {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const names = parsed.data.subgraphs.map((s) => s.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`${path}: subgraph ${twice} is listed twice`);
  return parsed.data.subgraphs;
}

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/**
 * Composes the subgraphs' SDL (paths relative to `root`). Errors carry the composer's message,
 * which names the subgraphs involved; a subgraph whose SDL does not parse is named here.
 */
export function composeSupergraph(subgraphs: SubgraphEntry[], root: string): Composition {
  const services = [];
  for (const s of subgraphs) {
    try {
      services.push({ name: s.name, url: s.url, typeDefs: parse(readFileSync(join(root, s.schema), 'utf8')) });
    } catch (error) {
      return { ok: false, errors: [`subgraph ${s.name} (${s.schema}): ${(error as Error).message}`] };
    }
  }
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}
