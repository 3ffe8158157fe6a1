import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// An import of a county's existing roll (存量数据导入) and its staged rows (migration 1763870400011).

/** One uploaded file and where it stands: validated → previewed → approved by a second person → committed. */
@Entity({ name: 'register_imports' })
@Index('idx_register_imports_region', ['regionCode', 'id'])
@Index('idx_register_imports_status', ['status', 'id'])
export class RegisterImportEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  /** The uploader's region: every row's township must lie inside it. */
  @Column({ name: 'region_code', type: 'varchar', length: 12 }) regionCode: string;
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName: string;
  /** CSV or XLSX. */
  @Column({ type: 'varchar', length: 8 }) format: string;
  /** UTF-8 or GB18030 (GBK's superset) for a CSV, as declared or detected; NULL for XLSX. */
  @Column({ type: 'varchar', length: 16, nullable: true }) encoding: string | null;
  @Column({ name: 'file_sha256', type: 'varchar', length: 64 }) fileSha256: string;
  @Column({ name: 'byte_size', type: 'int' }) byteSize: number;
  /** import-status.ts ImportStatus. */
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ name: 'total_rows', type: 'int' }) totalRows: number;
  @Column({ name: 'create_rows', type: 'int' }) createRows: number;
  @Column({ name: 'update_rows', type: 'int' }) updateRows: number;
  @Column({ name: 'unchanged_rows', type: 'int' }) unchangedRows: number;
  @Column({ name: 'conflict_rows', type: 'int' }) conflictRows: number;
  @Column({ name: 'refused_rows', type: 'int' }) refusedRows: number;
  /** Rows of households written to the register so far (CREATE and UPDATE rows). */
  @Column({ name: 'committed_rows', type: 'int' }) committedRows: number;
  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 }) uploadedBy: string;
  @Column({ name: 'uploaded_at', type: 'varchar', length: 24 }) uploadedAt: string;
  @Column({ name: 'approved_by', type: 'varchar', length: 100, nullable: true }) approvedBy: string | null;
  @Column({ name: 'approved_at', type: 'varchar', length: 24, nullable: true }) approvedAt: string | null;
  @Column({ name: 'cancelled_by', type: 'varchar', length: 100, nullable: true }) cancelledBy: string | null;
  @Column({ name: 'cancelled_at', type: 'varchar', length: 24, nullable: true }) cancelledAt: string | null;
  @Column({ name: 'commit_started_at', type: 'varchar', length: 24, nullable: true }) commitStartedAt: string | null;
  @Column({ name: 'committed_at', type: 'varchar', length: 24, nullable: true }) committedAt: string | null;
  /** The committing process's lease: another process takes the import over once it runs out. */
  @Column({ name: 'lease_until', type: 'varchar', length: 24, nullable: true }) leaseUntil: string | null;
  /** The last household (its key) committed: a resumed commit goes on after it. */
  @Column({ name: 'commit_cursor', type: 'varchar', length: 64, nullable: true }) commitCursor: string | null;
  /** Why the file could not be read (FAILED), in Chinese. */
  @Column({ type: 'text', nullable: true }) failure: string | null;
  @Column({ type: 'int' }) version: number;
}

/** One row of an imported file as validated, its identity numbers sealed; what the preview and the commit read. */
@Entity({ name: 'register_import_rows' })
@Index('idx_register_import_rows_household', ['importId', 'householdKey', 'rowNo'])
@Index('idx_register_import_rows_outcome', ['importId', 'outcome', 'rowNo'])
@Index('idx_register_import_rows_member', ['importId', 'memberIndex'])
export class ImportRowEntity {
  @PrimaryColumn({ name: 'import_id', type: 'varchar', length: 26 }) importId: string;
  /** The row's number in the file, the header being row 1 (as a spreadsheet shows it). */
  @PrimaryColumn({ name: 'row_no', type: 'int' }) rowNo: number;
  /** The blind index of the head's identity number; '' when it could not be read. */
  @Column({ name: 'household_key', type: 'varchar', length: 64 }) householdKey: string;
  @Column({ name: 'member_index', type: 'varchar', length: 64, nullable: true }) memberIndex: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) name: string | null;
  @Column({ type: 'varchar', length: 12, nullable: true }) relation: string | null;
  @Column({ name: 'id_number_sealed', type: 'varchar', length: 200, nullable: true }) idNumberSealed: string | null;
  @Column({ name: 'id_number_masked', type: 'varchar', length: 18, nullable: true }) idNumberMasked: string | null;
  @Column({ name: 'township_code', type: 'varchar', length: 12, nullable: true }) townshipCode: string | null;
  @Column({ name: 'village_code', type: 'varchar', length: 12, nullable: true }) villageCode: string | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) tier: string | null;
  @Column({ name: 'effective_from', type: 'varchar', length: 10, nullable: true }) effectiveFrom: string | null;
  @Column({ name: 'per_capita_income_fen', type: 'int', nullable: true }) perCapitaIncomeFen: number | null;
  @Column({ name: 'monthly_amount_fen', type: 'int', nullable: true }) monthlyAmountFen: number | null;
  @Column({ name: 'document_no', type: 'varchar', length: 100, nullable: true }) documentNo: string | null;
  /** import-status.ts RowOutcome. */
  @Column({ type: 'varchar', length: 12 }) outcome: string;
  /** JSON array of { column, message }: what is wrong with the row, in Chinese. */
  @Column({ type: 'text' }) problems: string;
}
