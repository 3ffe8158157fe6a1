import { RequestContext } from '../common/request-context';
import { badInput } from '../access/guard';
import { isTownshipCode, TOWNSHIP_CODE_RULE } from '../access/region';
import { minimumLivingLine } from './assistance-standards';
import { MinimumLivingStandard } from './minimum-living-standard.type';

/** Reads of the assistance standards (救助标准): public policy data, for any signed-in caller. */
export class StandardsService {
  /** The 低保 line classification would apply to applications from this township. */
  minimumLivingStandard(ctx: RequestContext, townshipCode: string): MinimumLivingStandard {
    const township = townshipCode.trim();
    if (!isTownshipCode(township)) throw badInput(TOWNSHIP_CODE_RULE, ['townshipCode']);
    return { townshipCode: township, ...minimumLivingLine(township) };
  }
}
