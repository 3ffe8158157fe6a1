import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from 'pino';
import { Caller } from '../../access/roles';
import { inRegion, whereInRegion } from '../../access/region';
import { withinScope } from '../../access/scope';
import { assertWritesRegister } from '../../access/department-view';
import { PiiCrypto } from '../../access/pii-crypto';
import { Clock } from '../../common/clock';
import { cstDateOf } from '../../common/dates';
import { newId } from '../../common/ids';
import { text } from '../../common/text';
import { CommandResult, failed, runCommand } from '../../common/command';
import { BusinessRuleError, UserError } from '../../common/user-error';
import { UnitOfWork } from '../../db/unit-of-work';
import { ImportRowEntity, RegisterImportEntity } from './import.entities';
import { ImportStatus, RowOutcome } from './import-status';
import { csvEncoding, rollRows, sniffFormat, UnreadableRoll } from './import-reader';
import { stageRows } from './import-validation';
import { decideOutcomes } from './import-preview';
import { IMPORT_LEASE_MS, ImportCommitter } from './import-commit';

// The import's steps (导入): upload (streamed to a temporary file, then read and checked in the
// background, the import VALIDATING and counting its rows), preview (PREVIEW: what each row would
// do), approval by a second person (APPROVED: the commit starts at once in this process, and any
// hub process running the import job takes it over if this one stops), or cancellation before
// approval (CANCELLED: nothing written to the register). A validation holds the import's lease and
// renews it while it runs; the file it reads is on this process's disk only, so when the process
// stops mid-way no other can go on: the import job marks such an import FAILED once its lease has
// run out, and the county uploads the file again.

export enum ImportErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  SAME_PERSON = 'SAME_PERSON',
  NOT_IN_PREVIEW = 'NOT_IN_PREVIEW',
}

export class UploadTooLarge extends Error {}

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface UploadRequest {
  fileName: string;
  /** Declared CSV encoding (UTF-8, GBK, GB18030), else detected. */
  encoding: string | null;
  body: Readable;
}

export class RegisterImportService {
  private readonly validating = new Set<Promise<void>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly crypto: PiiCrypto,
    private readonly clock: Clock,
    private readonly committer: ImportCommitter,
    private readonly logger: Logger,
    private readonly maxBytes: number,
  ) {}

  /** Streams the upload to disk (at most maxBytes), records the import and starts its validation. */
  async upload(caller: Caller, request: UploadRequest): Promise<RegisterImportEntity> {
    assertWritesRegister(caller);
    const dir = await mkdtemp(join(tmpdir(), 'hub-import-'));
    const path = join(dir, 'roll');
    const hash = createHash('sha256');
    let bytes = 0;
    const limit = this.maxBytes;
    try {
      await pipeline(
        request.body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            if (bytes > limit) throw new UploadTooLarge(`file over ${limit} bytes`);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(path),
      );
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const now = this.clock.now();
    const imp: RegisterImportEntity = {
      id: newId(now),
      regionCode: caller.region,
      fileName: request.fileName.slice(0, 200),
      format: 'CSV',
      encoding: null,
      fileSha256: hash.digest('hex'),
      byteSize: bytes,
      status: ImportStatus.VALIDATING,
      totalRows: 0,
      createRows: 0,
      updateRows: 0,
      unchangedRows: 0,
      conflictRows: 0,
      refusedRows: 0,
      committedRows: 0,
      uploadedBy: caller.sub,
      uploadedAt: now.toISOString(),
      approvedBy: null,
      approvedAt: null,
      cancelledBy: null,
      cancelledAt: null,
      commitStartedAt: null,
      committedAt: null,
      leaseUntil: new Date(now.getTime() + IMPORT_LEASE_MS).toISOString(),
      commitCursor: null,
      failure: null,
      version: 1,
    };
    try {
      const { format, sample } = await sniffFormat(path);
      imp.format = format;
      imp.encoding = format === 'CSV' ? csvEncoding(sample, request.encoding) : null;
    } catch (error) {
      if (!(error instanceof UnreadableRoll)) throw error;
      imp.status = ImportStatus.FAILED;
      imp.failure = error.message;
    }
    await this.uow.transaction((m) => m.getRepository(RegisterImportEntity).insert(imp));
    if (imp.status === ImportStatus.VALIDATING) {
      const work = this.validate(imp, path).finally(() => {
        this.validating.delete(work);
        return rm(dir, { recursive: true, force: true });
      });
      this.validating.add(work);
    } else await rm(dir, { recursive: true, force: true });
    return imp;
  }

  /** Reads and checks every row, then decides the outcomes: PREVIEW, or FAILED when the file is unreadable. */
  private async validate(imp: RegisterImportEntity, path: string): Promise<void> {
    const heartbeat = setInterval(() => void this.renewLease(imp.id).catch(() => undefined), IMPORT_LEASE_MS / 3);
    heartbeat.unref();
    try {
      const started = performance.now();
      const rows = await stageRows(this.uow, this.crypto, imp, rollRows(path, imp.format as 'CSV' | 'XLSX', imp.encoding as 'UTF-8' | 'GB18030' | null), cstDateOf(this.clock.now()));
      const staged = performance.now();
      await decideOutcomes(this.uow, imp.id);
      await this.setStatus(imp.id, ImportStatus.VALIDATING, { status: ImportStatus.PREVIEW, leaseUntil: null });
      // What an operator (and bench:import) reads to see where a large roll's time went.
      this.logger.info({ importId: imp.id, rows, readAndCheckedSeconds: round1((staged - started) / 1000), previewSeconds: round1((performance.now() - staged) / 1000) }, 'register import validated');
    } catch (error) {
      const failure = error instanceof UnreadableRoll ? error.message : '文件处理失败，请重新上传。';
      if (!(error instanceof UnreadableRoll)) this.logger.error({ importId: imp.id, err: { message: (error as Error).message } }, 'register import validation failed');
      await this.uow.transaction(async (m) => {
        await m.getRepository(ImportRowEntity).delete({ importId: imp.id });
        await m.getRepository(RegisterImportEntity).update({ id: imp.id }, { status: ImportStatus.FAILED, failure, leaseUntil: null });
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  private renewLease(id: string): Promise<unknown> {
    const until = new Date(this.clock.now().getTime() + IMPORT_LEASE_MS).toISOString();
    return this.uow.transaction((m) => m.getRepository(RegisterImportEntity).update({ id, status: ImportStatus.VALIDATING }, { leaseUntil: until }));
  }

  /**
   * Imports left VALIDATING by a process that stopped (their lease run out): FAILED, their staged
   * rows removed. Run by the import job. Returns how many.
   */
  async failAbandoned(): Promise<number> {
    const now = this.clock.now().toISOString();
    const stale = await this.uow.read((m) =>
      m
        .getRepository(RegisterImportEntity)
        .createQueryBuilder('i')
        .select('i.id', 'id')
        .where('i.status = :validating AND (i.lease_until IS NULL OR i.lease_until < :now)', { validating: ImportStatus.VALIDATING, now })
        .getRawMany<{ id: string }>(),
    );
    let failed = 0;
    for (const { id } of stale) {
      failed += await this.uow.transaction(async (m) => {
        const changed = await m
          .createQueryBuilder()
          .update(RegisterImportEntity)
          .set({ status: ImportStatus.FAILED, failure: '文件校验因服务中断未能完成，请重新上传。', leaseUntil: null, version: () => 'version + 1' })
          .where('id = :id AND status = :validating AND (lease_until IS NULL OR lease_until < :now)', { id, validating: ImportStatus.VALIDATING, now })
          .execute();
        if (!changed.affected) return 0;
        await m.getRepository(ImportRowEntity).delete({ importId: id });
        return 1;
      });
    }
    return failed;
  }

  /** Waits for validations under way (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.validating]);
  }

  /** Approval by a second person; the commit starts in the background. */
  async approve(caller: Caller, id: string): Promise<CommandResult<string>> {
    assertWritesRegister(caller);
    const found = await this.visible(caller, id);
    if (!found) return failed([new UserError(ImportErrorCode.NOT_FOUND, text('找不到该导入批次。', 'No such import.'), ['id'])]);
    if (found.uploadedBy === caller.sub) {
      return failed([new UserError(ImportErrorCode.SAME_PERSON, text('导入须由上传人以外的另一名工作人员审核确认。', 'An import is approved by someone other than its uploader.'), ['id'])]);
    }
    const now = this.clock.now().toISOString();
    const result = await runCommand(this.uow, async (m) => {
      const changed = await m
        .createQueryBuilder()
        .update(RegisterImportEntity)
        .set({ status: ImportStatus.APPROVED, approvedBy: caller.sub, approvedAt: now, version: () => 'version + 1' })
        .where('id = :id AND status = :preview', { id, preview: ImportStatus.PREVIEW })
        .execute();
      if (!changed.affected) throw notInPreview(found.status);
      return id;
    });
    if (result.value) void this.committer.commit(id).catch((error: Error) => this.logger.error({ importId: id, err: { message: error.message } }, 'register import commit failed'));
    return result;
  }

  /** Cancels an import before its approval; nothing of it reaches the register. */
  async cancel(caller: Caller, id: string): Promise<CommandResult<string>> {
    assertWritesRegister(caller);
    const found = await this.visible(caller, id);
    if (!found) return failed([new UserError(ImportErrorCode.NOT_FOUND, text('找不到该导入批次。', 'No such import.'), ['id'])]);
    return runCommand(this.uow, async (m) => {
      const changed = await m
        .createQueryBuilder()
        .update(RegisterImportEntity)
        .set({ status: ImportStatus.CANCELLED, cancelledBy: caller.sub, cancelledAt: this.clock.now().toISOString(), version: () => 'version + 1' })
        .where('id = :id AND status = :preview', { id, preview: ImportStatus.PREVIEW })
        .execute();
      if (!changed.affected) throw notInPreview(found.status);
      return id;
    });
  }

  /** The import when the caller may see it (its region); like an unknown one otherwise (access/scope.ts). */
  async visible(caller: Caller, id: string): Promise<RegisterImportEntity | null> {
    const imp = await this.uow.read((m) => m.getRepository(RegisterImportEntity).findOneBy({ id }));
    return withinScope(caller, imp, imp !== null && inRegion(caller.region, imp.regionCode));
  }

  /** The imports of the caller's region, newest first. */
  list(caller: Caller, first: number): Promise<RegisterImportEntity[]> {
    assertWritesRegister(caller);
    return this.uow.read((m) => {
      const qb = m.getRepository(RegisterImportEntity).createQueryBuilder('i');
      whereInRegion(qb, 'i.region_code', caller.region);
      return qb.orderBy('i.id', 'DESC').limit(first).getMany();
    });
  }

  /** Rows of an import by outcome, in file order, keyset by row number. */
  rows(importId: string, outcomes: RowOutcome[] | null, afterRow: number, limit: number): Promise<ImportRowEntity[]> {
    return this.uow.read((m) => {
      const qb = m.getRepository(ImportRowEntity).createQueryBuilder('r').where('r.import_id = :importId AND r.row_no > :afterRow', { importId, afterRow });
      if (outcomes?.length) qb.andWhere('r.outcome IN (:...outcomes)', { outcomes });
      return qb.orderBy('r.row_no', 'ASC').limit(limit).getMany();
    });
  }

  private async setStatus(id: string, from: ImportStatus, changes: Partial<RegisterImportEntity>): Promise<void> {
    await this.uow.transaction((m) => m.getRepository(RegisterImportEntity).update({ id, status: from }, changes));
  }
}

function notInPreview(status: string): BusinessRuleError {
  return new BusinessRuleError([
    new UserError(ImportErrorCode.NOT_IN_PREVIEW, text(`该导入批次当前状态为${status}，只有待审核（PREVIEW）的批次可以审核或取消。`, `Only an import in PREVIEW can be approved or cancelled (this one is ${status}).`), ['id']),
  ]);
}
