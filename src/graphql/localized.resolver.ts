import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { inLang } from '../common/text';
import { UserError } from '../common/user-error';

/** userErrors keep their message in both languages; the reader gets theirs. */
@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => String)
  message(@Root() error: UserError, @Ctx() ctx: RequestContext): string {
    return inLang(error.text, ctx.lang);
  }
}
