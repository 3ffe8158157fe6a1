import { ConfigError, HubConfig, loadConfig } from '../config';

/** Loads the settings; on a bad one prints the message naming the variable and exits with 2. */
export function loadConfigOrExit(): HubConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
