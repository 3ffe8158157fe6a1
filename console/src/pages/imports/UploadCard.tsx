// 上传名册: the template to fill in, the file (CSV or XLSX) and, for a CSV, its encoding — Excel in
// China saves CSV as GBK; left on 自动识别 the hub tells the two apart itself. Once the hub has the
// file the page moves to the import, where its validation can be followed.

import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { useSession } from '../../auth';
import { uploadRoll, type Encoding } from './hub-files';

const ENCODINGS = [
  { value: '', label: '自动识别' },
  { value: 'UTF-8', label: 'UTF-8' },
  { value: 'GBK', label: 'GBK（Excel 默认另存的 CSV）' },
];

export function UploadCard({ onUploaded }: { onUploaded(): void }) {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const isCsv = !file || /\.csv$/i.test(file.name);
  const fileList: UploadFile[] = file ? [{ uid: 'roll', name: file.name, status: 'done', size: file.size }] : [];

  async function send() {
    if (!file) return setProblem('请先选择要导入的名册文件。');
    setProblem(null);
    setSending(true);
    const result = await uploadRoll(session, file, isCsv && encoding ? (encoding as Encoding) : null);
    setSending(false);
    if ('id' in result) {
      onUploaded();
      navigate(`/imports/${encodeURIComponent(result.id)}`);
      return;
    }
    if (result.status === 401) return signOut('登录信息无效，请重新登录。');
    setProblem(result.message);
  }

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>上传名册</h2>}>
      <Typography.Paragraph>请按模板填写，每名家庭成员一行，同一户的户主姓名与户主身份证号码相同。支持 CSV（UTF-8 或 GBK 编码）和 Excel（.xlsx）文件。</Typography.Paragraph>
      {/* The template needs no sign-in: a plain link the browser downloads. */}
      <Button href="/register/imports/template.csv" download style={{ marginBottom: 16 }}>
        下载导入模板
      </Button>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={send} aria-label="上传名册">
        <Form.Item label="名册文件" required extra="上传后系统逐行校验，校验结果确认无误并经另一名工作人员审核通过后才写入低收入人口库。">
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setProblem(null);
              return false; // kept here, sent by the button below with the chosen encoding
            }}
            onRemove={() => setFile(null)}
          >
            <Button>选择文件</Button>
          </Upload>
        </Form.Item>
        <Form.Item label="文件编码" htmlFor="import-encoding" extra={isCsv ? undefined : 'Excel 文件无需选择编码'}>
          <Select id="import-encoding" value={encoding} onChange={setEncoding} options={ENCODINGS} disabled={!isCsv} style={{ width: 280 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={sending}>
            上传并校验
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
