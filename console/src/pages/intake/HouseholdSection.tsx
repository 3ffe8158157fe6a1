// 家庭成员: everyone else in the household, one row each. Enter in a row's last field (monthly
// income) goes on to the next row, adding one after the last, so a household is typed without
// the mouse.

import { useEffect, useRef } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { RELATION, SCHOOL_STAGE } from '../../labels';
import { IdNumberField } from './IdNumberField';
import { nameRules } from './person-rules';
import { emptyMember, MAX_MEMBERS } from './form-values';
import { YUAN_INPUT } from './ApplicantSection';

const COLUMNS = '32px minmax(110px, 200px) 210px 112px 120px 84px repeat(3, 52px) 150px 64px';
const FLAGS = [
  ['laborCapable', '有劳动能力'],
  ['employed', '在业'],
  ['seriouslyIll', '重病'],
  ['disabled', '残疾'],
] as const;

// The applicant is SELF; members take the other relations.
const RELATION_OPTIONS = Object.entries(RELATION)
  .filter(([value]) => value !== 'SELF')
  .map(([value, label]) => ({ value, label }));
const SCHOOL_OPTIONS = Object.entries(SCHOOL_STAGE).map(([value, label]) => ({ value, label }));

const cell = { marginBottom: 8 } as const;

// A validator rather than `required: true`: antd would set aria-required on the Select's wrapper
// <div>, where ARIA does not allow it.
const RELATION_RULES = [
  {
    validator: async (_rule: unknown, value: unknown) => {
      if (!value) throw new Error('请选择关系');
    },
  },
];

/** Where focus goes after the rows changed: a row's name field, or the add button. */
type FocusTarget = number | 'add' | null;

export function HouseholdSection() {
  const focusNext = useRef<FocusTarget>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const count = Form.useWatch<unknown[] | undefined>('household')?.length ?? 0;

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'add') addButton.current?.focus();
    else if (target !== null) document.getElementById(`intake_household_${target}_person_name`)?.focus();
  }, [count]);

  return (
    <section aria-labelledby="intake-household">
      <Typography.Title level={2} id="intake-household" style={{ fontSize: 18 }}>
        家庭成员
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ color: '#595959' }}>
        除申请人以外共同生活的家庭成员。在一行最后一栏“月收入”中按回车键，可转到下一行（最后一行时新增一行）。
      </Typography.Paragraph>
      <Form.List name="household">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? (
              <Typography.Paragraph style={{ color: '#595959' }}>暂无家庭成员（申请人单独生活时无需填写）。</Typography.Paragraph>
            ) : (
              <div style={{ overflowX: 'auto' }}>
                <div aria-hidden style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, fontWeight: 600, paddingBottom: 4, minWidth: 1080 }}>
                  <span>序号</span>
                  <span>姓名</span>
                  <span>身份证号码</span>
                  <span>与申请人关系</span>
                  <span>在读阶段</span>
                  {FLAGS.map(([, label]) => (
                    <span key={label}>{label}</span>
                  ))}
                  <span>月收入</span>
                  <span />
                </div>
                {fields.map((field, index) => {
                  const who = `第${index + 1}名成员`;
                  return (
                    <div key={field.key} data-testid={`member-row-${index}`} style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, alignItems: 'start', minWidth: 1080 }}>
                      <span style={{ paddingTop: 5 }}>{index + 1}</span>
                      <Form.Item name={[field.name, 'person', 'name']} rules={nameRules} style={cell}>
                        <Input aria-label={`${who} 姓名`} autoComplete="off" maxLength={50} />
                      </Form.Item>
                      <IdNumberField
                        name={[field.name, 'person', 'idNumber']}
                        watch={['household', field.name, 'person', 'idNumber']}
                        ariaLabel={`${who} 身份证号码`}
                        style={cell}
                      />
                      <Form.Item name={[field.name, 'relation']} rules={RELATION_RULES} style={cell}>
                        <Select aria-label={`${who} 与申请人关系`} options={RELATION_OPTIONS} placeholder="请选择" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'schoolStage']} style={cell}>
                        <Select aria-label={`${who} 在读阶段`} options={SCHOOL_OPTIONS} placeholder="不在读" allowClear />
                      </Form.Item>
                      {FLAGS.map(([flag, label]) => (
                        <Form.Item key={flag} name={[field.name, flag]} valuePropName="checked" style={{ ...cell, paddingTop: 5 }}>
                          <Checkbox aria-label={`${who} ${label}`} />
                        </Form.Item>
                      ))}
                      <Form.Item name={[field.name, 'monthlyIncomeFen']} style={cell}>
                        <InputNumber
                          {...YUAN_INPUT}
                          aria-label={`${who} 月收入（元）`}
                          placeholder="0.00"
                          style={{ width: '100%' }}
                          onPressEnter={(event) => {
                            event.preventDefault();
                            if (index < fields.length - 1) {
                              document.getElementById(`intake_household_${index + 1}_person_name`)?.focus();
                            } else if (fields.length < MAX_MEMBERS) {
                              focusNext.current = fields.length;
                              add(emptyMember());
                            }
                          }}
                        />
                      </Form.Item>
                      <Button
                        danger
                        type="text"
                        aria-label={`删除${who}`}
                        onClick={() => {
                          focusNext.current = fields.length > 1 ? Math.min(index, fields.length - 2) : 'add';
                          remove(field.name);
                        }}
                      >
                        删除
                      </Button>
                    </div>
                  );
                })}
              </div>
            )}
            <Button
              ref={addButton}
              disabled={fields.length >= MAX_MEMBERS}
              onClick={() => {
                focusNext.current = fields.length;
                add(emptyMember());
              }}
            >
              添加家庭成员
            </Button>
            {fields.length >= MAX_MEMBERS && (
              <Typography.Text style={{ marginLeft: 12, color: '#595959' }}>除申请人外最多{MAX_MEMBERS}名家庭成员。</Typography.Text>
            )}
          </>
        )}
      </Form.List>
    </section>
  );
}
