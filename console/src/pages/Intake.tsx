// 受理: the window clerk takes one application — applicant, household, hardship, acceptance mode —
// sees the per-capita income against the township's 低保 standard as it is typed, asks the hub
// which categories to refer (once, not per keystroke), confirms, and prints the receipt.
//
// GraphQL requests for one application: minimumLivingStandard once per township (kept in the
// client's cache, so the next application does not ask again), suggestCategories once per "查看建议"
// (again only if the clerk changes the facts), submitApplication once per "确认受理": three in all.

import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Divider, Form, Typography } from 'antd';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { useSession } from '../auth';
import { errorText } from '../api';
import { applyUserErrors, formPath, type FieldError } from '../forms';
import { fenOf } from '../format';
import { isTownshipCode } from '../../../src/access/division-code';
import { ApplicantSection } from './intake/ApplicantSection';
import { HouseholdSection } from './intake/HouseholdSection';
import { AcceptanceSection, HardshipSection } from './intake/HardshipSection';
import { IncomeCheck } from './intake/IncomeCheck';
import { SuggestionPanel, type Suggestion } from './intake/SuggestionPanel';
import { Receipt, type ReceiptCase } from './intake/Receipt';
import { fieldErrorsOf, fieldShown, formFieldOf, initialValues, newIdempotencyKey, toInput, type IntakeValues } from './intake/form-values';

const STANDARD = graphql(`
  query IntakeLivingStandard($townshipCode: String!) {
    minimumLivingStandard(townshipCode: $townshipCode) {
      townshipCode
      monthlyFen
      urban
      lowIncomeMonthlyFen
      source
    }
  }
`);

const SUGGEST = graphql(`
  query IntakeSuggestCategories($input: SubmitApplicationInput!) {
    suggestCategories(input: $input) {
      category
      department
      reason
    }
  }
`);

const SUBMIT = graphql(`
  mutation IntakeSubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      case {
        id
        caseNo
        townshipCode
        townshipName
        countyName
        mode
        acceptedAt
        emergencyAdvanceFen
        missingMaterials
        applicant {
          id
          name
          idNumber
        }
        sla {
          dueDate
          workingDaysLeft
          provisional
        }
        referrals {
          id
          department
          category
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

// antd's default error red (#ff4d4f) and grey help text fail WCAG AA contrast on white; this form
// shows both a lot. (A candidate for the console-wide theme in main.tsx.)
/** The facts classification reads: when they change, the suggestions no longer hold. */
function factsOf(values: Partial<IntakeValues> | undefined): string {
  if (!values) return '';
  const h = values.hardship ?? {};
  return JSON.stringify([
    values.townshipCode,
    fenOf(values.applicantMonthlyIncomeFen),
    (values.household ?? []).map((m) => [fenOf(m?.monthlyIncomeFen), m?.schoolStage ?? null, !!m?.laborCapable, !!m?.employed, !!m?.seriouslyIll, !!m?.disabled]),
    [fenOf(h.medicalExpenseFen), !!h.unsafeHousing, !!h.legalDispute, !!h.emergency, !!h.noSupport, fenOf(h.financialAssetsFen)],
    values.mode,
    fenOf(values.emergencyAdvanceFen),
  ]);
}

interface Problem {
  code: string;
  message: string;
}

export function IntakePage() {
  const { session } = useSession();
  const { message } = App.useApp();
  const client = useClient();
  const [form] = Form.useForm<IntakeValues>();
  const townshipFixed = isTownshipCode(session.region);
  const [initial] = useState(() => initialValues(townshipFixed ? session.region : ''));

  // One key per application, kept across retries of it (see newIdempotencyKey).
  const idempotencyKey = useRef(newIdempotencyKey());
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [suggestedFor, setSuggestedFor] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [accepted, setAccepted] = useState<ReceiptCase | null>(null);
  const [{ fetching: submitting }, submit] = useMutation(SUBMIT);
  const alertRef = useRef<HTMLDivElement>(null);

  const township = Form.useWatch('townshipCode', form) ?? initial.townshipCode;
  const facts = Form.useWatch((values: IntakeValues) => factsOf(values), form);
  const stale = suggestions !== null && facts !== suggestedFor;
  // Policy data that changes yearly: asked once per township, then served from the cache.
  const [standard, reloadStandard] = useQuery({
    query: STANDARD,
    variables: { townshipCode: township },
    pause: !isTownshipCode(township),
    requestPolicy: 'cache-first',
  });

  useEffect(() => {
    if (problems.length > 0) alertRef.current?.scrollIntoView({ block: 'center' });
  }, [problems]);

  /** Server problems: each on its field when the form shows it, the rest above the form. */
  function report(errors: readonly FieldError[], fallback?: CombinedError) {
    const values = form.getFieldsValue(true) as IntakeValues;
    const placeable = errors.map(formFieldOf);
    const unplaced = applyUserErrors(form, placeable, (path) => fieldShown(path, values, suggestions !== null));
    const placed = placeable.filter((e) => !unplaced.includes(e));
    const rest: Problem[] = unplaced.map((e) => ({ code: e.code, message: e.message }));
    if (errors.length === 0 && fallback) rest.push({ code: 'REQUEST_FAILED', message: errorText(fallback) ?? '请求失败，请稍后重试。' });
    setProblems(rest);
    if (placed.length > 0 && rest.length === 0) form.scrollToField(formPath(placed[0].field!), { block: 'center', focus: true });
  }

  /** The form's values once every shown field passes; null (and the first problem in view) otherwise. */
  async function checked(ignoreCategories: boolean): Promise<IntakeValues | null> {
    try {
      await form.validateFields();
    } catch (error) {
      const fields = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      const real = fields.filter((f) => !(ignoreCategories && f.name[0] === 'categories'));
      if (real.length > 0) {
        form.scrollToField(real[0].name, { block: 'center', focus: true });
        return null;
      }
    }
    return form.getFieldsValue(true) as IntakeValues;
  }

  async function askSuggestions() {
    setProblems([]);
    const values = await checked(true);
    if (!values) return;
    setAsking(true);
    const result = await client.query(SUGGEST, { input: toInput(values, idempotencyKey.current) }, { requestPolicy: 'network-only' }).toPromise();
    setAsking(false);
    if (result.error || !result.data) {
      if (result.error) report(fieldErrorsOf(result.error), result.error);
      return;
    }
    const list = result.data.suggestCategories;
    setSuggestions(list);
    setSuggestedFor(factsOf(values));
    form.setFields([{ name: 'categories', value: list.map((s) => s.category), errors: [] }]);
    requestAnimationFrame(() => document.getElementById('intake-categories')?.scrollIntoView({ block: 'start' }));
  }

  async function confirm() {
    setProblems([]);
    if (stale) return;
    const values = await checked(false);
    if (!values) return;
    const result = await submit({ input: toInput(values, idempotencyKey.current, values.categories) });
    if (result.error || !result.data) {
      // The key stays: trying again cannot accept the application twice.
      if (result.error) report(fieldErrorsOf(result.error), result.error);
      return;
    }
    const { case: created, userErrors } = result.data.submitApplication;
    if (userErrors.length > 0 || !created) {
      report(userErrors);
      return;
    }
    idempotencyKey.current = newIdempotencyKey();
    setAccepted(created);
    message.success({ content: `已受理，受理编号 ${created.caseNo}`, className: 'no-print' });
    window.scrollTo({ top: 0 });
  }

  function nextApplication() {
    form.resetFields();
    setSuggestions(null);
    setSuggestedFor(null);
    setProblems([]);
    setAccepted(null);
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => document.getElementById('intake_applicant_name')?.focus());
  }

  /** The key was used for another application: most likely a first try that got through unseen. */
  function startAsNew() {
    idempotencyKey.current = newIdempotencyKey();
    setProblems([]);
  }

  const standardProblem = errorText(standard.error);
  return (
    <>
      <div className="no-print">
        <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
          受理申请
        </Typography.Title>
        <Typography.Paragraph style={{ color: '#595959' }}>
          乡镇（街道）{township || '—'} · 经办人 {session.label}。一次受理，系统按分层分类转办各部门，15个工作日内办结。
        </Typography.Paragraph>
      </div>
      {accepted && <Receipt accepted={accepted} clerk={session.label} onNext={nextApplication} />}
      {/* Kept mounted under the receipt so that "受理下一件" resets it in place. */}
      <div hidden={!!accepted}>
        <div ref={alertRef}>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message="未能受理，请处理以下问题后重试"
              description={
                <>
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {problems.map((p, i) => (
                      <li key={i}>{p.message}</li>
                    ))}
                  </ul>
                  {problems.some((p) => p.code === 'IDEMPOTENCY_KEY_REUSED') && (
                    <div style={{ marginTop: 8 }}>
                      上一次提交可能已受理成功（回复未送达）。请先在“案件”中按申请人身份证号码查询，避免重复受理；确认没有后再
                      <Button type="link" onClick={startAsNew} style={{ padding: '0 4px' }}>
                        作为新申请提交
                      </Button>
                    </div>
                  )}
                </>
              }
            />
          )}
        </div>
        <Card>
          <Form form={form} name="intake" layout="vertical" initialValues={initial} autoComplete="off">
            <ApplicantSection townshipFixed={townshipFixed} />
            <Divider />
            <HouseholdSection />
            <IncomeCheck
              standard={standard.data?.minimumLivingStandard ?? null}
              loading={standard.fetching}
              problem={standardProblem}
              onRetry={() => reloadStandard({ requestPolicy: 'network-only' })}
            />
            <HardshipSection />
            <Divider />
            <AcceptanceSection />
            <Divider />
            <SuggestionPanel
              suggestions={suggestions}
              stale={stale}
              asking={asking}
              submitting={submitting}
              onAsk={askSuggestions}
              onConfirm={confirm}
            />
          </Form>
        </Card>
      </div>
    </>
  );
}
