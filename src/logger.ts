import pino, { DestinationStream, Logger } from 'pino';

/**
 * Structured JSON logs. Nothing the hub logs carries an identity number, a phone number or a
 * secret: request bodies and SQL parameters are never logged, and these paths are redacted in
 * case a future log call passes an object that holds them (a test greps the suite's logs).
 */
export function createLogger(destination?: DestinationStream, level: string = 'info', service = 'assistance-hub'): Logger {
  return pino(
    {
      level,
      // A worker of several (HUB_WORKERS) says which one it is.
      base: process.env.HUB_WORKER_INDEX ? { service, worker: Number(process.env.HUB_WORKER_INDEX) } : { service },
      redact: {
        paths: ['*.idNumber', '*.phone', '*.authorization', '*.password', 'req.headers.authorization', '*.jwtSecret', '*.dataKey'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
