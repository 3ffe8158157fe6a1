import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { resolveSecrets } from '../access/dev-secrets';
import { isDepartment, isRole, signToken } from '../access/tokens';
import { Department, Role } from '../access/roles';

// npm run token -- --role CLERK --region 370783104 [--department MEDICAL] [--sub clerk-1] [--hours 12]
// Signs with HUB_JWT_SECRET, or with the development secret kept beside the SQLite file (the
// same one the hub uses when started with nothing configured).
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
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
    fail(`${(error as Error).message}. Usage: npm run token -- --role CLERK --region 370783104 [--department MEDICAL] [--sub id] [--hours 12]`);
  }
  const role = values.role as Role;
  if (!isRole(role)) fail(`--role must be one of ${Object.values(Role).join(', ')}`);
  // Only an ADMIN token defaults to nationwide; any other role names its region (--region "" for all).
  if (values.region === undefined && role !== Role.ADMIN) fail('--region is required: the division-code prefix of the caller\'s jurisdiction');
  values.region ??= '';
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/.test(values.region)) fail('--region is a division-code prefix of 2, 4, 6 or 9 digits (empty: nationwide)');
  const department = values.department as Department | undefined;
  if (role === Role.DEPARTMENT && !isDepartment(department)) {
    fail(`--department is required for DEPARTMENT: one of ${Object.values(Department).join(', ')}`);
  }
  if (role !== Role.DEPARTMENT && department) fail('--department applies only to --role DEPARTMENT');
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) fail('--hours must be between 0 and 720');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
  const { jwtSecret } = resolveSecrets(config);
  const sub = values.sub ?? `${role.toLowerCase()}-${values.region || 'all'}${department ? `-${department.toLowerCase()}` : ''}`;
  const token = await signToken({ sub, role, region: values.region, department, ttlSeconds: Math.round(hours * 3600) }, jwtSecret, new Date());
  process.stdout.write(`${token}\n`);
}

void main();
