import { Request, Response, Router } from 'express';
import { Logger } from 'pino';
import { GraphQLError } from 'graphql';
import { Authenticator } from '../../access/authenticator';
import { unauthenticated, LocalizedError } from '../../access/guard';
import { preferredLanguage } from '../../common/language';
import { inLang, text, Text } from '../../common/text';
import { Caller } from '../../access/roles';
import { RegisterImportService, UploadTooLarge } from './import.service';
import { templateCsv } from './import-template';
import { RowOutcome } from './import-status';
import { RowProblem } from './import-rows';
import { IMPORT_ROW_OUTCOME_NAME, nameOf } from '../../common/domain-names';

// The import's file transfers, which GraphQL is not made for: the upload (the file as the raw
// request body, streamed to disk), the template and the error report (CSV in UTF-8 with a BOM, so
// Excel opens them in Chinese). Everything else (preview, approval, progress) is GraphQL.

const REPORT_PAGE = 5000;

export function createImportRouter(imports: RegisterImportService, authenticator: Authenticator, logger: Logger, maxBytes: number): Router {
  const router = Router();

  const fail = (req: Request, res: Response, status: number, code: string, message: Text) =>
    res.status(status).json({ errors: [{ message: inLang(message, preferredLanguage(req.headers['accept-language'])), extensions: { code } }] });

  /** The caller, or an answer already sent (401/403) and null. */
  const callerOf = async (req: Request, res: Response): Promise<Caller | null> => {
    const lang = preferredLanguage(req.headers['accept-language']);
    try {
      const caller = await authenticator.authenticate(req.headers.authorization, lang);
      if (!caller) throw unauthenticated('NO_TOKEN', lang);
      return caller;
    } catch (error) {
      answerError(req, res, error);
      return null;
    }
  };

  const answerError = (req: Request, res: Response, error: unknown) => {
    if (error instanceof GraphQLError) {
      const code = String(error.extensions.code ?? 'BAD_REQUEST');
      const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 400;
      const message = error instanceof LocalizedError ? error.text : text(error.message, error.message);
      return fail(req, res, status, code, message);
    }
    logger.error({ err: { message: (error as Error)?.message } }, 'register import request failed');
    return fail(req, res, 500, 'INTERNAL_SERVER_ERROR', text('服务器内部错误，请稍后重试。', 'Internal server error'));
  };

  router.get('/register/imports/template.csv', (_req, res) => {
    res.set('Content-Type', 'text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('低收入人口导入模板.csv')}`).send(templateCsv());
  });

  router.post('/register/imports', async (req, res) => {
    const caller = await callerOf(req, res);
    if (!caller) return;
    const fileName = typeof req.query.fileName === 'string' ? req.query.fileName.trim() : '';
    if (!fileName) return fail(req, res, 400, 'BAD_USER_INPUT', text('请提供文件名（fileName）。', 'fileName is required.'));
    const declared = typeof req.query.encoding === 'string' && req.query.encoding.trim() ? req.query.encoding : null;
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > maxBytes) return tooLarge(req, res);
    try {
      const imp = await imports.upload(caller, { fileName, encoding: declared, body: req });
      res.status(201).json({ import: { id: imp.id, status: imp.status, format: imp.format, encoding: imp.encoding, byteSize: imp.byteSize, failure: imp.failure } });
    } catch (error) {
      if (error instanceof UploadTooLarge) {
        // The rest of the body is not read: the connection closes after the answer.
        res.set('Connection', 'close');
        return tooLarge(req, res);
      }
      answerError(req, res, error);
    }
  });

  const tooLarge = (req: Request, res: Response) =>
    fail(req, res, 413, 'PAYLOAD_TOO_LARGE', text(`文件超过${Math.floor(maxBytes / 1024 / 1024)} MB，请分批导入。`, `The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB.`));

  router.get('/register/imports/:id/report.csv', async (req, res) => {
    const caller = await callerOf(req, res);
    if (!caller) return;
    try {
      const imp = await imports.visible(caller, String(req.params.id));
      if (!imp) return fail(req, res, 404, 'NOT_FOUND', text('找不到该导入批次。', 'No such import.'));
      res.set('Content-Type', 'text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`导入错误报告-${imp.fileName}.csv`)}`);
      res.write('\uFEFF行号,列,处理结果,错误信息\r\n');
      let after = 0;
      for (;;) {
        const rows = await imports.rows(imp.id, [RowOutcome.REFUSED, RowOutcome.CONFLICT], after, REPORT_PAGE);
        for (const r of rows) {
          for (const p of JSON.parse(r.problems) as RowProblem[]) res.write(`${r.rowNo},${csvCell(p.column)},${nameOf(IMPORT_ROW_OUTCOME_NAME, r.outcome).zh},${csvCell(p.message)}\r\n`);
        }
        if (rows.length < REPORT_PAGE) break;
        after = rows[rows.length - 1].rowNo;
      }
      res.end();
    } catch (error) {
      if (res.headersSent) return res.destroy();
      answerError(req, res, error);
    }
  });

  return router;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
