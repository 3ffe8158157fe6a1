import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { seesPhoneNumbers } from '../access/roles';
import { showsWholeIdNumber } from '../access/scope';
import { PersonType } from './person.type';
import { PersonEntity } from './person.entity';
import { PiiCrypto } from '../access/pii-crypto';

@Resolver(() => PersonType)
export class PersonResolver {
  constructor(private readonly crypto: PiiCrypto) {}

  /** Whole where the caller's role needs it to act (each showing goes to the access log), masked otherwise. */
  @FieldResolver(() => String, {
    description: 'Masked (first 6 and last 4 digits visible) in lists and for dashboards; whole on a case or referral read by id or number, or claimed, by a role that needs it.',
  })
  idNumber(@Root() p: PersonEntity, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): string {
    if (!showsWholeIdNumber(ctx.caller, info)) return p.idNumberMasked;
    ctx.unmaskedReads.add(p.id);
    return this.crypto.decrypt(p.idNumberSealed);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Contact phone; null for dashboards.' })
  phone(@Root() p: PersonEntity, @Ctx() ctx: RequestContext): string | null {
    if (!ctx.caller || !seesPhoneNumbers(ctx.caller) || !p.phoneSealed) return null;
    return this.crypto.decrypt(p.phoneSealed);
  }
}
