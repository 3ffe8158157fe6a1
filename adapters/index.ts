import type { PartnerProtocol } from '../src/delivery/department-adapter';
import { charityProtocol } from './charity';
import { judicialProtocol } from './judicial';
import { medicalProtocol } from './medical';
import { housingProtocol } from './housing';
import { educationProtocol } from './education';
import { employmentProtocol } from './employment';

/** Every protocol the hub speaks, one per department that can be PUSH (the partner file names them). */
export const PROTOCOLS: readonly PartnerProtocol[] = [medicalProtocol, educationProtocol, housingProtocol, employmentProtocol, judicialProtocol, charityProtocol];
