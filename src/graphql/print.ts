import { printSubgraphSchema } from '@apollo/subgraph';
import { buildHubSchema } from './schema';

const HEADER = '# The hub\'s Apollo Federation 2 subgraph schema, printed by `npm run schema`. Do not edit by hand.\n\n';

export async function printHubSdl(): Promise<string> {
  return HEADER + printSubgraphSchema(await buildHubSchema()).trim() + '\n';
}
