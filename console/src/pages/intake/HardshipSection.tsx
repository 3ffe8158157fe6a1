// 困难情况 and 受理方式: the household's hardship facts, then how the window accepts the application.

import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { ACCEPTANCE_MODE, CHANNEL } from '../../labels';
import { YUAN_INPUT } from './ApplicantSection';

const HARDSHIP_FLAGS = [
  ['unsafeHousing', '住房不安全（C/D级危房，或无房居住）'],
  ['legalDispute', '有无力承担的法律纠纷（欠薪、工伤、赡养等）'],
  ['emergency', '遭遇突发事件（火灾、事故、灾害等），基本生活难以为继'],
  ['noSupport', '三无：无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无能力履行'],
] as const;

// Mode and channel always hold a value, so they carry no `required`: antd would put aria-required
// on the radio group's and the select's wrapper <div>, where ARIA does not allow it.

// Materials windows most often accept an application without (容缺); others can be typed.
const COMMON_MATERIALS = ['户口簿', '身份证复印件', '收入证明', '医疗费用票据', '残疾证', '房屋安全鉴定报告', '在读证明', '银行卡（存折）复印件'];

const MODE_OPTIONS = Object.entries(ACCEPTANCE_MODE).map(([value, label]) => ({ value, label }));
const CHANNEL_OPTIONS = Object.entries(CHANNEL).map(([value, label]) => ({ value, label }));

export function HardshipSection() {
  return (
    <section aria-labelledby="intake-hardship">
      <Typography.Title level={2} id="intake-hardship" style={{ fontSize: 18 }}>
        困难情况
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name={['hardship', 'medicalExpenseFen']} label="近12个月自付医疗费用">
            <InputNumber {...YUAN_INPUT} style={{ width: '100%' }} placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name={['hardship', 'financialAssetsFen']} label="家庭金融资产（存款等）">
            <InputNumber {...YUAN_INPUT} style={{ width: '100%' }} placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          {HARDSHIP_FLAGS.map(([flag, label]) => (
            <Form.Item key={flag} name={['hardship', flag]} valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{label}</Checkbox>
            </Form.Item>
          ))}
        </Col>
      </Row>
    </section>
  );
}

export function AcceptanceSection() {
  const mode = Form.useWatch<string | undefined>('mode');
  return (
    <section aria-labelledby="intake-acceptance">
      <Typography.Title level={2} id="intake-acceptance" style={{ fontSize: 18 }}>
        受理方式与渠道
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Form.Item name="mode" label="受理方式">
            <Radio.Group options={MODE_OPTIONS} optionType="button" buttonStyle="solid" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={14}>
          {mode === 'TOLERANT' && (
            <Form.Item
              name="missingMaterials"
              label="所缺材料"
              required
              rules={[{ type: 'array', min: 1, message: '容缺受理请至少列出一项所缺材料' }]}
              extra="可从列表选择，也可直接输入后按回车；受理后补交。"
            >
              <Select mode="tags" options={COMMON_MATERIALS.map((m) => ({ value: m, label: m }))} tokenSeparators={[',', '，', '、']} placeholder="例如：收入证明" />
            </Form.Item>
          )}
          {mode === 'EMERGENCY' && (
            <Form.Item
              name="emergencyAdvanceFen"
              label="已先行支付的救助金"
              required
              rules={[{ required: true, message: '急难受理请填写已先行支付的金额' }]}
              extra="急难型临时救助先行支付，手续随后补办。"
            >
              <InputNumber {...YUAN_INPUT} style={{ width: 240 }} placeholder="0.00" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12} xl={10}>
          <Form.Item name="channel" label="申请渠道">
            <Select options={CHANNEL_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={14}>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={1000} showCount placeholder="需要说明的其他情况（选填）" />
          </Form.Item>
        </Col>
      </Row>
    </section>
  );
}
