import express, { Router } from 'express';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Department } from '../access/roles';
import { CallbackService } from './callback.service';

/**
 * POST /partners/<department>/callback: a PUSH department's system reports back in its own
 * protocol. The raw bytes are kept for the signature; the body is never logged.
 */
export function createCallbackRouter(callbacks: CallbackService, logger: Logger): Router {
  const router = Router();
  router.post('/partners/:department/callback', express.raw({ type: () => true, limit: '1mb' }), async (req: Request, res: Response) => {
    const department = String(req.params.department).toUpperCase();
    const known = (Object.values(Department) as string[]).includes(department);
    try {
      const reply = known
        ? await callbacks.receive(department, {
            method: req.method,
            path: req.originalUrl,
            headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v])),
            rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          })
        : null;
      if (!reply) {
        res.status(404).json({ error: 'NO_SUCH_PARTNER' });
        return;
      }
      res.status(reply.status).type(reply.contentType).send(reply.body);
    } catch (error) {
      logger.error({ department, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'partner callback failed');
      res.status(500).json({ error: 'INTERNAL' });
    }
  });
  return router;
}
