import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { seesPhoneNumbers, seesWholeIdNumbers } from '../access/roles';
import { PersonType } from './person.type';
import { PersonEntity } from './person.entity';
import { PiiCrypto } from '../access/pii-crypto';

@Resolver(() => PersonType)
export class PersonResolver {
  constructor(private readonly crypto: PiiCrypto) {}

  /** Whole for callers who need it to act (each read goes to the access log), masked otherwise. */
  @FieldResolver(() => String, { description: 'Masked (first 6 and last 4 digits visible) unless the caller may see it whole.' })
  idNumber(@Root() p: PersonEntity, @Ctx() ctx: RequestContext): string {
    if (!ctx.caller || !seesWholeIdNumbers(ctx.caller)) return p.idNumberMasked;
    ctx.unmaskedReads.add(p.id);
    return this.crypto.decrypt(p.idNumberSealed);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Contact phone; null for dashboards.' })
  phone(@Root() p: PersonEntity, @Ctx() ctx: RequestContext): string | null {
    if (!ctx.caller || !seesPhoneNumbers(ctx.caller) || !p.phoneSealed) return null;
    return this.crypto.decrypt(p.phoneSealed);
  }
}
