import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printHubSdl } from '../graphql/print';

/** npm run schema: prints the subgraph SDL to schema/hub.graphql (checked in; a test compares). */
printHubSdl().then((sdl) => {
  const target = join(__dirname, '..', '..', '..', 'schema', 'hub.graphql');
  writeFileSync(target, sdl);
  process.stdout.write(`Wrote ${target}\n`);
});
