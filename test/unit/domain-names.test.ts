import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EnumTypeDefinitionNode, Kind, parse } from 'graphql';
import * as names from '../../src/common/domain-names';
import { Role } from '../../src/access/roles';
import { TIMELINE_EVENT_TYPES } from '../../src/timeline/timeline-event-kinds';

// The one name table (src/common/domain-names.ts): every code the API publishes has a Chinese and
// an English name, and the console keeps no table of its own.

const root = join(__dirname, '..', '..');
const TABLE_OF_ENUM: Record<string, Readonly<Record<string, names.Name>>> = {
  CaseStatus: names.CASE_STATUS_NAME,
  AcceptanceMode: names.MODE_NAME,
  IntakeChannel: names.CHANNEL_NAME,
  Relation: names.RELATION_NAME,
  SchoolStage: names.SCHOOL_STAGE_NAME,
  Department: names.DEPARTMENT_NAME,
  AssistanceCategory: names.CATEGORY_NAME,
  ReferralStatus: names.STATUS_NAME,
  SlaState: names.SLA_STATE_NAME,
  SupervisedClock: names.SUPERVISED_CLOCK_NAME,
  SupervisionLevel: names.SUPERVISION_LEVEL_NAME,
  ObjectionStatus: names.OBJECTION_STATUS_NAME,
  NoticeStatus: names.NOTICE_STATUS_NAME,
  PauseType: names.PAUSE_TYPE_NAME,
  ToldMeans: names.TOLD_MEANS_NAME,
  SignalKind: names.SIGNAL_KIND_NAME,
  SignalOutcome: names.SIGNAL_OUTCOME_NAME,
  WarningLevel: names.WARNING_LEVEL_NAME,
  WarningAction: names.WARNING_ACTION_NAME,
  WarningRuleCode: names.WARNING_RULE_NAME,
  WarningStatus: names.WARNING_STATUS_NAME,
  Decision: names.DECISION_NAME,
  RegisterTier: names.REGISTER_TIER_NAME,
  ExitReason: names.EXIT_REASON_NAME,
  TierSource: names.TIER_SOURCE_NAME,
  ImportStatus: names.IMPORT_STATUS_NAME,
  ImportRowOutcome: names.IMPORT_ROW_OUTCOME_NAME,
  ReviewStatus: names.REVIEW_STATUS_NAME,
  ReviewOutcome: names.REVIEW_OUTCOME_NAME,
};

const enums = parse(readFileSync(join(root, 'schema', 'hub.graphql'), 'utf8')).definitions.filter(
  (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION,
);

const named = (table: Readonly<Record<string, names.Name>>, code: string) => {
  const name = table[code];
  return name !== undefined && name.zh.trim() !== '' && name.en.trim() !== '';
};

describe('the name table', () => {
  it('names every value of every enum of the published schema, in Chinese and English', () => {
    const missing: string[] = [];
    for (const e of enums) {
      const table = TABLE_OF_ENUM[e.name.value];
      if (!table) {
        missing.push(`${e.name.value} (no table)`);
        continue;
      }
      for (const v of e.values ?? []) if (!named(table, v.name.value)) missing.push(`${e.name.value}.${v.name.value}`);
    }
    expect(missing).toEqual([]);
  });

  it('names every role and every kind of timeline event', () => {
    expect(Object.values(Role).filter((r) => !named(names.ROLE_NAME, r))).toEqual([]);
    expect(TIMELINE_EVENT_TYPES.filter((t) => !named(names.TIMELINE_EVENT_NAME, t))).toEqual([]);
  });

  it('the console keeps no second copy: no code of the table is given a Chinese name in console/src', () => {
    const codes = new Set(Object.values(TABLE_OF_ENUM).flatMap((t) => Object.keys(t)));
    for (const code of [...Object.values(Role), ...TIMELINE_EVENT_TYPES]) codes.add(code);
    const copy = new RegExp(`\\b(${[...codes].join('|')})\\s*:\\s*['"\`][^'"\`]*\\p{Script=Han}`, 'u');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));
    const copies = files(join(root, 'console', 'src'))
      .filter((f) => !f.includes(join('console', 'src', 'gql')))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((line) => copy.test(line)).map((line) => `${f}: ${line.trim()}`));
    expect(copies).toEqual([]);
  });
});
