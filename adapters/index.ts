import type { PartnerProtocol } from '../src/delivery/department-adapter';
import { charityProtocol } from './charity';
import { judicialProtocol } from './judicial';

/** Every protocol the hub speaks, one per department that can be PUSH (the partner file names them). */
export const PROTOCOLS: readonly PartnerProtocol[] = [charityProtocol, judicialProtocol];
