import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { resolveSecrets } from '../access/dev-secrets';
import { isDepartment, isRole, signToken } from '../access/tokens';
import { Department, Role } from '../access/roles';
import { isRegionPrefix } from '../access/region';

// npm run token -- --role CLERK --region 370783104 [--department MEDICAL] [--sub clerk-1] [--hours 12]
// Signs with HUB_JWT_SECRET, or with the development secret kept beside the SQLite file (the
// same one the hub uses when started with nothing configured).
const MAX_HOURS = 24 * 30;

const USAGE = `Mints an HS256 bearer token the hub accepts (development and small sites).

Usage: npm run token -- --role ROLE [--region CODE] [--department DEPARTMENT] [--sub ID] [--hours N]

  --role ROLE        one of ${Object.values(Role).join(', ')}
  --region CODE      division-code prefix of the caller's jurisdiction: 2, 4, 6, 9 or 12 digits,
                     or "" for the whole country (required except for ADMIN, which defaults to "")
  --department DEPT  DEPARTMENT only, and required there: one of
                     ${Object.values(Department).join(', ')}
  --sub ID           the token's subject (default: built from role, region and department)
  --hours N          lifetime, greater than 0 and at most ${MAX_HOURS} (default 12)
  -h, --help         print this and exit

Signs with HUB_JWT_SECRET, or else with the development secret kept beside the SQLite file.
When the hub takes tokens from an identity provider (HUB_JWKS_URL), it accepts these only if
HUB_JWT_SECRET is set too. Example:

  npm run token -- --role DEPARTMENT --department MEDICAL --region 370783 --hours 2
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        region: { type: 'string' },
        department: { type: 'string' },
        sub: { type: 'string' },
        hours: { type: 'string', default: '12' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}. Usage: npm run token -- --role CLERK --region 370783104 [--department MEDICAL] [--sub id] [--hours 12] (--help for more)`);
  }
  const role = values.role as Role;
  if (!isRole(role)) fail(`--role must be one of ${Object.values(Role).join(', ')}`);
  // Only an ADMIN token defaults to nationwide; any other role names its region (--region "" for all).
  if (values.region === undefined && role !== Role.ADMIN) fail('--region is required: the division-code prefix of the caller\'s jurisdiction');
  values.region ??= '';
  if (!isRegionPrefix(values.region, true)) fail('--region is a division-code prefix of 2, 4, 6, 9 or 12 digits (empty: nationwide)');
  const department = values.department as Department | undefined;
  if (role === Role.DEPARTMENT && !isDepartment(department)) {
    fail(`--department is required for DEPARTMENT: one of ${Object.values(Department).join(', ')}`);
  }
  if (role !== Role.DEPARTMENT && department) fail('--department applies only to --role DEPARTMENT');
  const hours = /^(\d+(\.\d*)?|\.\d+)$/.test(values.hours) ? Number(values.hours) : NaN;
  if (!(hours > 0 && hours <= MAX_HOURS)) fail(`--hours must be a number greater than 0 and at most ${MAX_HOURS}`);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
  if (config.jwksUrl && !config.jwtSecret) {
    fail('HUB_JWKS_URL is set and HUB_JWT_SECRET is not: the hub accepts only identity-provider tokens, and would refuse this one. Set HUB_JWT_SECRET (the same value as the hub) to mint development tokens.');
  }
  const { jwtSecret } = resolveSecrets(config);
  if (!jwtSecret) fail('No HS256 secret to sign with.');
  const sub = values.sub ?? `${role.toLowerCase()}-${values.region || 'all'}${department ? `-${department.toLowerCase()}` : ''}`;
  const token = await signToken({ sub, role, region: values.region, department, ttlSeconds: Math.max(1, Math.round(hours * 3600)) }, jwtSecret, new Date());
  process.stdout.write(`${token}\n`);
}

void main();
