import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// The low-income register's tables (migration 1763870400010). Dates are CST 'YYYY-MM-DD' strings,
// instants ISO-8601 UTC, as everywhere in the hub.

/** A household (共同生活家庭) in the register, with its current tier copied for filters and the review job. */
@Entity({ name: 'register_households' })
@Index('idx_register_households_township', ['townshipCode', 'id'])
@Index('idx_register_households_county', ['countyCode', 'id'])
@Index('idx_register_households_tier', ['tier', 'townshipCode', 'id'])
@Index('idx_register_households_review', ['nextReviewDate', 'townshipCode'])
@Index('idx_register_households_county_tier', ['countyCode', 'tier', 'id'])
@Index('idx_register_households_county_review', ['countyCode', 'nextReviewDate', 'id'])
export class RegisterHouseholdEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'township_code', type: 'varchar', length: 12 }) townshipCode: string;
  /** The first six digits of township_code: a county's list is an equality on its index. */
  @Column({ name: 'county_code', type: 'varchar', length: 6 }) countyCode: string;
  /** 村（社区）代码, 12 digits, when known. */
  @Column({ name: 'village_code', type: 'varchar', length: 12, nullable: true }) villageCode: string | null;
  @Column({ name: 'head_name', type: 'varchar', length: 100 }) headName: string;
  @Column({ name: 'head_id_masked', type: 'varchar', length: 18 }) headIdMasked: string;
  @Column({ name: 'member_count', type: 'int' }) memberCount: number;
  /** The current tier; NULL once the household has left the register's tiers (its history stays). */
  @Column({ type: 'varchar', length: 24, nullable: true }) tier: string | null;
  @Column({ name: 'tier_since', type: 'varchar', length: 10, nullable: true }) tierSince: string | null;
  @Column({ name: 'next_review_date', type: 'varchar', length: 10, nullable: true }) nextReviewDate: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 24 }) updatedAt: string;
  /** Bumped by every change: the register writer's lock (register-writer.ts). */
  @Column({ type: 'int' }) version: number;
}

/** A member of a register household. A person is a current member of at most one household. */
@Entity({ name: 'register_members' })
@Index('idx_register_members_household', ['householdId', 'position'])
@Index('idx_register_members_id_number', ['idNumberIndex'])
export class RegisterMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'household_id', type: 'varchar', length: 26 }) householdId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** The intake's relations; the head (户主) is SELF. */
  @Column({ type: 'varchar', length: 12 }) relation: string;
  @Column({ name: 'id_number_sealed', type: 'varchar', length: 200 }) idNumberSealed: string;
  @Column({ name: 'id_number_index', type: 'varchar', length: 64 }) idNumberIndex: string;
  @Column({ name: 'id_number_masked', type: 'varchar', length: 18 }) idNumberMasked: string;
  /** The blind index while the person is a current member, NULL after leaving: unique, so no one is in two households. */
  @Index('uq_register_members_current', { unique: true })
  @Column({ name: 'current_key', type: 'varchar', length: 64, nullable: true }) currentKey: string | null;
  @Column({ name: 'joined_on', type: 'varchar', length: 10 }) joinedOn: string;
  @Column({ name: 'left_on', type: 'varchar', length: 10, nullable: true }) leftOn: string | null;
}

/** One dated tier of a household with its basis (认定依据). Never overwritten: a later one ends it. */
@Entity({ name: 'register_tiers' })
@Index('idx_register_tiers_household', ['householdId', 'effectiveFrom', 'id'])
@Index('idx_register_tiers_case', ['caseId'])
@Index('uq_register_tiers_import_row', ['importId', 'importRow'], { unique: true })
export class TierRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 }) id: string;
  @Column({ name: 'household_id', type: 'varchar', length: 26 }) householdId: string;
  @Column({ type: 'varchar', length: 24 }) tier: string;
  @Column({ name: 'effective_from', type: 'varchar', length: 10 }) effectiveFrom: string;
  /** The first day it no longer applies (half-open); NULL while current. */
  @Column({ name: 'effective_to', type: 'varchar', length: 10, nullable: true }) effectiveTo: string | null;
  @Column({ name: 'per_capita_income_fen', type: 'int', nullable: true }) perCapitaIncomeFen: number | null;
  /** The line compared with (the 低保 standard, or its multiple for 低保边缘), monthly, in fen. */
  @Column({ name: 'standard_fen', type: 'int', nullable: true }) standardFen: number | null;
  @Column({ name: 'standard_source', type: 'varchar', length: 200, nullable: true }) standardSource: string | null;
  /** JSON array of reasons, in the classification's words. */
  @Column({ type: 'text' }) reasons: string;
  /** DECISION, IMPORT or REVIEW (tiers.ts TierSource). */
  @Column({ type: 'varchar', length: 12 }) source: string;
  @Column({ name: 'case_id', type: 'varchar', length: 26, nullable: true }) caseId: string | null;
  @Column({ name: 'referral_id', type: 'varchar', length: 26, nullable: true }) referralId: string | null;
  /** 批准文号 of an imported decision. */
  @Column({ name: 'document_no', type: 'varchar', length: 100, nullable: true }) documentNo: string | null;
  @Column({ name: 'monthly_amount_fen', type: 'int', nullable: true }) monthlyAmountFen: number | null;
  @Column({ name: 'next_review_date', type: 'varchar', length: 10, nullable: true }) nextReviewDate: string | null;
  @Column({ name: 'exit_reason', type: 'varchar', length: 24, nullable: true }) exitReason: string | null;
  @Column({ name: 'exit_note', type: 'text', nullable: true }) exitNote: string | null;
  @Column({ name: 'import_id', type: 'varchar', length: 26, nullable: true }) importId: string | null;
  @Column({ name: 'import_row', type: 'int', nullable: true }) importRow: number | null;
  @Column({ name: 'created_by', type: 'varchar', length: 100 }) createdBy: string;
  @Column({ name: 'created_at', type: 'varchar', length: 24 }) createdAt: string;
}

/** Households in a tier per county, kept by the register writer (register-counts.ts). */
@Entity({ name: 'register_counts' })
export class RegisterCountEntity {
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 }) countyCode: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) tier: string;
  @Column({ type: 'int' }) households: number;
}
