// What the console asks the hub about signing in (/console/api/…).
//
// - GET  session: who the request's bearer token says the caller is. Behind a reverse proxy that
//   signs users in and adds the Authorization header itself, the console never holds a token: it
//   asks here who it is and sends its GraphQL requests without one.
// - GET  dev-users, POST dev-token: the development sign-in page's demo users and their tokens.
//   Mounted only outside production, and only when the hub signs HS256 tokens itself.

import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { Authenticator } from '../access/authenticator';
import { Department, Role } from '../access/roles';
import { signToken } from '../access/tokens';
import { preferredLanguage } from '../common/language';
import { inLang, text } from '../common/text';
import { CONSOLE_PATH } from './console.router';

export interface DemoUser {
  id: string;
  /** What the sign-in page shows, in Chinese. */
  label: string;
  role: Role;
  region: string;
  department?: Department;
}

const DEPARTMENT_NAMES: Record<Department, string> = {
  CIVIL_AFFAIRS: '民政局',
  MEDICAL: '医保局',
  EDUCATION: '教育局',
  HOUSING: '住建局',
  EMPLOYMENT: '人社局',
  JUDICIAL: '司法局',
  CHARITY: '慈善总会',
};

/** The demo region: 寿光市 (370783), where the demo data's applications are taken. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'clerk-370783104', label: '窗口受理员 · 370783104 镇便民服务中心', role: Role.CLERK, region: '370783104' },
  { id: 'clerk-370783001', label: '窗口受理员 · 370783001 街道便民服务中心', role: Role.CLERK, region: '370783001' },
  ...Object.values(Department).map((department) => ({
    id: `department-${department.toLowerCase().replace('_', '-')}-370783`,
    label: `部门经办人 · 寿光市${DEPARTMENT_NAMES[department]}`,
    role: Role.DEPARTMENT,
    region: '370783',
    department,
  })),
  { id: 'supervisor-370783', label: '督办 · 寿光市社会救助服务中心', role: Role.DASHBOARD, region: '370783' },
  { id: 'admin', label: '系统管理员', role: Role.ADMIN, region: '' },
];

/** A working day: the demo token lasts this long, then the console sends the user back to sign in. */
const DEMO_TOKEN_SECONDS = 8 * 60 * 60;

export interface ConsoleSessionOptions {
  authenticator: Authenticator;
  /** The HS256 secret for demo tokens; null (production, or no secret) leaves the dev endpoints out. */
  devSigningSecret: string | null;
}

function problem(req: Request, res: Response, status: number, code: string, zh: string, en: string) {
  const message = inLang(text(zh, en), preferredLanguage(req.headers['accept-language']));
  res.status(status).set('Cache-Control', 'no-store').json({ error: { code, message } });
}

export function createConsoleSessionRouter(options: ConsoleSessionOptions): Router {
  const router = express.Router();
  const api = `${CONSOLE_PATH}/api`;

  router.get(`${api}/session`, async (req, res) => {
    try {
      const caller = await options.authenticator.authenticate(req.headers.authorization, preferredLanguage(req.headers['accept-language']));
      if (!caller) return problem(req, res, 401, 'NO_TOKEN', '请先登录。', 'Sign in first.');
      res.set('Cache-Control', 'no-store').json({
        userId: caller.sub,
        role: caller.role,
        region: caller.region,
        department: caller.department,
      });
    } catch (error) {
      if (error instanceof GraphQLError) {
        const reason = String(error.extensions.reason ?? 'INVALID');
        res.status(401).set('Cache-Control', 'no-store').json({ error: { code: reason, message: error.message } });
        return;
      }
      problem(req, res, 503, 'UNAVAILABLE', '暂时无法验证登录，请稍后重试。', 'Sign-in cannot be checked right now; try again shortly.');
    }
  });

  const secret = options.devSigningSecret;
  if (secret) {
    router.get(`${api}/dev-users`, (_req, res) => {
      res.set('Cache-Control', 'no-store').json({ users: DEMO_USERS });
    });
    router.post(`${api}/dev-token`, express.json({ limit: '1kb' }), async (req, res) => {
      const userId: unknown = req.body?.userId;
      const user = DEMO_USERS.find((u) => u.id === userId);
      if (!user) return problem(req, res, 400, 'UNKNOWN_USER', '没有这个演示用户（userId）。', 'No such demo user (userId).');
      const now = new Date();
      const token = await signToken(
        { sub: user.id, role: user.role, region: user.region, department: user.department ?? null, ttlSeconds: DEMO_TOKEN_SECONDS },
        secret,
        now,
      );
      res.set('Cache-Control', 'no-store').json({ token, expiresAt: new Date(now.getTime() + DEMO_TOKEN_SECONDS * 1000).toISOString() });
    });
  }
  return router;
}
