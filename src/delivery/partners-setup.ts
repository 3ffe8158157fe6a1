import { ConfigError, HubConfig } from '../config';
import { DepartmentAdapter, PartnerProtocol } from './department-adapter';
import { allPull, connectionOf, PartnerSettings, readPartnersFile } from './partners-file';

/**
 * The partner file read and each PUSH department's adapter built with its credentials from the
 * environment; throws ConfigError naming the department and key. No file: every department pulls.
 */
export function setUpPartners(
  config: HubConfig,
  protocols: readonly PartnerProtocol[],
  env: NodeJS.ProcessEnv = process.env,
): { partners: PartnerSettings[]; adapters: DepartmentAdapter[] } {
  const partners = config.partnersFile ? readPartnersFile(config.partnersFile, protocols, { production: config.production }) : allPull();
  if (config.production && partners.some((p) => p.mode === 'PUSH') && new URL(config.publicUrl).protocol !== 'https:') {
    throw new ConfigError('HUB_PUBLIC_URL', 'must be the https:// address partner systems call back, when a department is PUSH and NODE_ENV=production');
  }
  const adapters = partners
    .filter((p) => p.mode === 'PUSH')
    .map((p) => protocols.find((x) => x.name === p.protocol)!.create(connectionOf(p, env, config.publicUrl)));
  return { partners, adapters };
}
