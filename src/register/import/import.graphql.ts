import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Allow } from '../../access/authorization';
import { callerOf } from '../../access/authorization';
import { Role } from '../../access/roles';
import { assertWritesRegister } from '../../access/department-view';
import { checkFirst } from '../../common/cursor';
import { RequestContext } from '../../common/request-context';
import { UserError } from '../../common/user-error';
import { DateTimeScalar } from '../../graphql/scalars';
import { RegisterImportEntity, ImportRowEntity } from './import.entities';
import { ImportStatus, RowOutcome } from './import-status';
import { RowProblem } from './import-rows';
import { RegisterImportService } from './import.service';

registerEnumType(ImportStatus, { name: 'ImportStatus', description: 'VALIDATING → PREVIEW → APPROVED → COMMITTED; CANCELLED before approval; FAILED when the file cannot be read.' });
registerEnumType(RowOutcome, { name: 'ImportRowOutcome', description: 'What a row does to the register: CREATE, UPDATE, UNCHANGED, CONFLICT (not imported) or REFUSED (invalid).' });

@ObjectType('ImportProgress', { description: 'How far the commit of an approved import has come.' })
export class ImportProgressType {
  @Field(() => Int, { description: 'Rows of CREATE and UPDATE households written so far.' }) rowsDone: number;
  @Field(() => Int, { description: 'Rows of CREATE and UPDATE households in all.' }) rowsTotal: number;
  @Field(() => Float, { nullable: true, description: 'Rows a second since the commit began.' }) rowsPerSecond: number | null;
  @Field(() => Int, { nullable: true, description: 'Seconds left at that rate.' }) secondsLeft: number | null;
}

@ObjectType('RegisterImport', { description: 'One uploaded roll (存量数据导入) and where it stands.' })
export class RegisterImportType {
  @Field(() => ID) id: string;
  @Field() regionCode: string;
  @Field() fileName: string;
  @Field({ description: 'CSV or XLSX.' }) format: string;
  @Field(() => String, { nullable: true, description: 'UTF-8 or GB18030 (read for GBK) for a CSV.' }) encoding: string | null;
  @Field(() => ImportStatus) status: ImportStatus;
  @Field(() => Int, { description: 'Data rows read (the header not counted); grows while VALIDATING.' }) totalRows: number;
  @Field(() => Int) createRows: number;
  @Field(() => Int) updateRows: number;
  @Field(() => Int) unchangedRows: number;
  @Field(() => Int) conflictRows: number;
  @Field(() => Int) refusedRows: number;
  @Field() uploadedBy: string;
  @Field(() => DateTimeScalar) uploadedAt: string;
  @Field(() => String, { nullable: true }) approvedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) approvedAt: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) committedAt: string | null;
  @Field(() => String, { nullable: true, description: 'Why the file could not be read (FAILED).' }) failure: string | null;
}

@ObjectType('ImportRowProblem')
export class ImportRowProblemType {
  @Field({ description: "The column's header as the template names it; empty for the row as a whole." }) column: string;
  @Field() message: string;
}

@ObjectType('ImportRow', { description: 'One row of an imported file as validated. Identity numbers are masked.' })
export class ImportRowType {
  @Field(() => Int, { description: 'The row number a spreadsheet shows (the header is row 1).' }) rowNo: number;
  @Field(() => RowOutcome) outcome: RowOutcome;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) idNumberMasked: string | null;
  @Field(() => String, { nullable: true }) tier: string | null;
  @Field(() => [ImportRowProblemType]) problems: RowProblem[];
}

@ObjectType()
export class RegisterImportPayload {
  @Field(() => RegisterImportType, { nullable: true }) import: RegisterImportEntity | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

const IMPORTERS = [Role.DEPARTMENT, Role.ADMIN] as const;

@Resolver(() => RegisterImportType)
export class RegisterImportResolver {
  constructor(private readonly imports: RegisterImportService) {}

  @Allow(...IMPORTERS)
  @Query(() => RegisterImportType, { nullable: true, description: 'One import of the caller\'s region. Civil affairs and administrators.' })
  registerImport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RegisterImportEntity | null> {
    const caller = callerOf(ctx);
    assertWritesRegister(caller);
    return this.imports.visible(caller, id);
  }

  @Allow(...IMPORTERS)
  @Query(() => [RegisterImportType], { description: "The caller's region's imports, newest first (at most 100)." })
  registerImports(@Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<RegisterImportEntity[]> {
    checkFirst(first);
    return this.imports.list(callerOf(ctx), first);
  }

  @Allow(...IMPORTERS)
  @Query(() => [ImportRowType], { description: 'Rows of an import in file order, after row `afterRow`, optionally of some outcomes only (the preview table); none while VALIDATING. `first` is at most 100.' })
  async registerImportRows(
    @Ctx() ctx: RequestContext,
    @Arg('importId', () => ID) importId: string,
    @Arg('outcomes', () => [RowOutcome], { nullable: true }) outcomes: RowOutcome[] | null,
    @Arg('afterRow', () => Int, { defaultValue: 0 }) afterRow: number,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ) {
    checkFirst(first);
    const caller = callerOf(ctx);
    assertWritesRegister(caller);
    const imp = await this.imports.visible(caller, importId);
    // While VALIDATING a row's outcome is not decided yet (import-validation.ts).
    if (!imp || imp.status === ImportStatus.VALIDATING) return [];
    return (await this.imports.rows(imp.id, outcomes, afterRow, first)).map((r: ImportRowEntity) => ({ ...r, problems: JSON.parse(r.problems) as RowProblem[] }));
  }

  @Allow(...IMPORTERS)
  @Mutation(() => RegisterImportPayload, { description: 'A second person approves an import in PREVIEW (the uploader cannot); its commit starts at once.' })
  async approveRegisterImport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    const caller = callerOf(ctx);
    const result = await this.imports.approve(caller, id);
    return { import: result.value ? await this.imports.visible(caller, id) : null, userErrors: result.userErrors };
  }

  @Allow(...IMPORTERS)
  @Mutation(() => RegisterImportPayload, { description: 'Cancels an import in PREVIEW: nothing of it reaches the register.' })
  async cancelRegisterImport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    const caller = callerOf(ctx);
    const result = await this.imports.cancel(caller, id);
    return { import: result.value ? await this.imports.visible(caller, id) : null, userErrors: result.userErrors };
  }

  @FieldResolver(() => ImportProgressType, { nullable: true, description: 'Set once the import is approved.' })
  progress(@Root() imp: RegisterImportEntity, @Ctx() ctx: RequestContext): ImportProgressType | null {
    if (!imp.approvedAt) return null;
    const rowsTotal = imp.status === ImportStatus.COMMITTED ? imp.committedRows : imp.createRows + imp.updateRows;
    const started = imp.commitStartedAt ? Date.parse(imp.commitStartedAt) : null;
    const end = imp.committedAt ? Date.parse(imp.committedAt) : ctx.now.getTime();
    const seconds = started === null ? 0 : (end - started) / 1000;
    const rate = seconds > 0 ? imp.committedRows / seconds : null;
    const left = rowsTotal - imp.committedRows;
    return { rowsDone: imp.committedRows, rowsTotal, rowsPerSecond: rate, secondsLeft: left <= 0 ? 0 : rate ? Math.ceil(left / rate) : null };
  }
}
