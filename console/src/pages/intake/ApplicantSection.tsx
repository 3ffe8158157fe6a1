// 申请人: who applies, and the township that accepts the application.

import { Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { IdNumberField } from './IdNumberField';
import { nameRules, phoneRules } from './person-rules';
import { hubRule } from '../../forms';
import { isTownshipCode, TOWNSHIP_CODE_RULE } from '../../../../src/access/division-code';

/** Yuan with two decimals; the Int fen the API takes stays below 2^31. */
export const YUAN_INPUT = { min: 0, max: 10_000_000, precision: 2, controls: false, addonAfter: '元' } as const;

export function ApplicantSection({ townshipFixed }: { townshipFixed: boolean }) {
  return (
    <section aria-labelledby="intake-applicant">
      <Typography.Title level={2} id="intake-applicant" style={{ fontSize: 18, marginTop: 0 }}>
        申请人
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8} xl={5}>
          <Form.Item name={['applicant', 'name']} label="姓名" required rules={nameRules}>
            <Input autoComplete="off" maxLength={50} placeholder="与身份证一致" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={6}>
          <IdNumberField name={['applicant', 'idNumber']} watch={['applicant', 'idNumber']} label="身份证号码" />
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item name={['applicant', 'phone']} label="联系电话" rules={phoneRules} validateTrigger={['onChange', 'onBlur']}>
            <Input autoComplete="off" inputMode="tel" maxLength={20} placeholder="手机或带区号的固定电话" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item name="applicantMonthlyIncomeFen" label="本人月收入">
            <InputNumber {...YUAN_INPUT} style={{ width: '100%' }} placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={5}>
          <Form.Item
            name="townshipCode"
            label="受理乡镇（街道）代码"
            required
            rules={[hubRule(isTownshipCode, TOWNSHIP_CODE_RULE)]}
            extra={townshipFixed ? '即您所在的乡镇（街道）' : undefined}
          >
            <Input disabled={townshipFixed} maxLength={9} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item name="village" label="村（社区）" extra="公示时写明" rules={[{ max: 30, message: '最多30个字' }]}>
            <Input maxLength={30} autoComplete="off" placeholder="例如：东城村" />
          </Form.Item>
        </Col>
      </Row>
    </section>
  );
}
