import { ConfigError, HubConfig, loadConfig } from '../config';

/** Loads the settings; on a bad one prints the message naming the variable and exits with 2. */
export function loadConfigOrExit(): HubConfig {
  try {
    return loadConfig();
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
}

/** A bad setting (also one of the partner file, read at start-up) is printed naming it, and the process exits with 2. */
export function exitOnConfigError(error: unknown): void {
  if (!(error instanceof ConfigError)) return;
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(2);
}
