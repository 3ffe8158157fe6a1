// Signing in. Production: the deployment's identity provider issues the token — either a reverse
// proxy signs the user in and adds the Authorization header itself (then /console/api/session
// answers and this page moves on at once), or the user pastes a token. Development: the hub lists
// demo users and hands out their tokens (that endpoint does not exist under NODE_ENV=production).

import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, List, Row, Space, Spin, Typography } from 'antd';
import { peekSignInNotice, sessionFromToken, takeSignInNotice, type Role, type Session } from '../session';
import { ROLE } from '../labels';

interface DemoUser {
  id: string;
  label: string;
  role: Role;
  region: string;
  department?: string;
}

export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  // Read on the first render, forgotten after it (safe when React renders twice in development).
  const [notice] = useState(() => peekSignInNotice());
  useEffect(() => void takeSignInNotice(), []);
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | null>(null);
  const [checking, setChecking] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      // Behind a signing-in proxy the request already carries the user's token.
      const session = await fetch('/console/api/session', { headers: { 'Accept-Language': 'zh-CN' } }).catch(() => null);
      if (session?.ok && live) {
        const who = (await session.json()) as { userId: string; role: Role; region: string; department: string | null };
        onSignedIn({ source: 'proxy', token: null, ...who, expiresAt: null, label: who.userId });
        return;
      }
      const users = await fetch('/console/api/dev-users').catch(() => null);
      if (users?.ok && live) setDemoUsers(((await users.json()) as { users: DemoUser[] }).users);
      if (live) setChecking(false);
    })();
    return () => {
      live = false;
    };
  }, [onSignedIn]);

  async function signInAs(user: DemoUser) {
    setBusy(user.id);
    setProblem(null);
    try {
      const response = await fetch('/console/api/dev-token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
        body: JSON.stringify({ userId: user.id }),
      });
      const body = (await response.json()) as { token?: string; error?: { message: string } };
      if (!response.ok || !body.token) throw new Error(body.error?.message ?? '登录失败');
      const session = sessionFromToken(body.token, user.label);
      if (typeof session === 'string') throw new Error(session);
      onSignedIn(session);
    } catch (error) {
      setProblem(error instanceof TypeError ? '无法连接到服务器，请检查网络连接后重试。' : (error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  // The hub checks the pasted token before the console takes it: a forged or foreign token is
  // refused here, with the reason, rather than on the first screen.
  async function signInWithToken({ token }: { token: string }) {
    setProblem(null);
    const session = sessionFromToken(token ?? '');
    if (typeof session === 'string') return setProblem(session);
    try {
      const response = await fetch('/console/api/session', { headers: { Authorization: `Bearer ${session.token}`, 'Accept-Language': 'zh-CN' } });
      if (response.ok) return onSignedIn(session);
      const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
      setProblem(
        body.error?.code === 'EXPIRED'
          ? '该令牌已过期，请重新获取。'
          : response.status === 401
            ? '本系统不认可该令牌（签发方或签名不符），请向系统管理员索取正确的令牌。'
            : '暂时无法验证令牌，请稍后重试。',
      );
    } catch {
      setProblem('无法连接到服务器，请检查网络连接后重试。');
    }
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f1f5f9', padding: '48px 24px' }}>
      <Row justify="center">
        <Col xs={24} md={20} lg={16} xl={12}>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <div>
              <Typography.Title level={1} style={{ marginBottom: 4 }}>
                一门受理 · 协同办理
              </Typography.Title>
              <Typography.Text type="secondary">社会救助“一门受理、协同办理”工作平台 — 请登录</Typography.Text>
            </div>
            {notice && <Alert type="warning" showIcon message={notice} />}
            {problem && <Alert type="error" showIcon message={problem} />}
            {checking ? (
              <Spin tip="正在检查登录状态…">
                <div style={{ height: 80 }} />
              </Spin>
            ) : (
              <>
                {demoUsers && (
                  <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>开发环境：选择演示用户</h2>}>
                    <List
                      dataSource={demoUsers}
                      renderItem={(user) => (
                        <List.Item
                          actions={[
                            <Button
                              key="go"
                              type="primary"
                              loading={busy === user.id}
                              onClick={() => signInAs(user)}
                              aria-label={`以${user.label}登录`}
                              data-user-id={user.id}
                            >
                              登录
                            </Button>,
                          ]}
                        >
                          <List.Item.Meta title={user.label} description={`${ROLE[user.role]} · 辖区 ${user.region || '全国'}`} />
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
                <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>使用令牌登录</h2>}>
                  <Typography.Paragraph type="secondary">
                    粘贴统一身份认证平台签发的访问令牌（JWT）。令牌只保存在本浏览器标签页中，关闭标签页即失效。
                  </Typography.Paragraph>
                  <Form layout="vertical" onFinish={signInWithToken}>
                    <Form.Item label="访问令牌" name="token" rules={[{ required: true, message: '请粘贴访问令牌' }]}>
                      <Input.TextArea rows={3} autoComplete="off" spellCheck={false} />
                    </Form.Item>
                    <Button type="primary" htmlType="submit">
                      登录
                    </Button>
                  </Form>
                </Card>
              </>
            )}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
