import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit } from 'graphql';
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

/**
 * The supergraph with each subgraph's routing URL taken from `subgraphs` (the deployment's list),
 * not from the URL composed into the checked-in file: moving a subgraph to another host or port is
 * a change of the list, never of the repository. Every subgraph of the supergraph must be listed,
 * and nothing listed may be missing from it (a stale list would route nowhere): either is an
 * error naming the subgraph.
 */
export function routeSupergraph(supergraphSdl: string, subgraphs: SubgraphEntry[]): string {
  const urls = new Map(subgraphs.map((s) => [s.name, s.url]));
  const composed = new Set<string>();
  const document = visit(parse(supergraphSdl), {
    Directive(node) {
      if (node.name.value !== 'join__graph') return undefined;
      const name = node.arguments?.find((a) => a.name.value === 'name')?.value;
      if (name?.kind !== Kind.STRING) return undefined;
      composed.add(name.value);
      const url = urls.get(name.value);
      if (!url) throw new Error(`the subgraph list has no entry for subgraph ${name.value} of the supergraph: add it, with its URL`);
      return {
        ...node,
        arguments: node.arguments!.map((a) => (a.name.value === 'url' ? { ...a, value: { kind: Kind.STRING, value: url } } : a)),
      };
    },
  });
  const stale = subgraphs.find((s) => !composed.has(s.name));
  if (stale) throw new Error(`subgraph ${stale.name} is in the subgraph list but not in the supergraph: run npm run schema after changing the list`);
  return print(document);
}
