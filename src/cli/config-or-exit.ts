import { ConfigError, HubConfig, loadConfig } from '../config';
import { PROTOCOLS } from '../../adapters';
import { setUpPartners } from '../delivery/partners-setup';

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

/** The partner file and adapters (see setUpPartners); on a bad setting prints it and exits with 2. */
export function partnersOrExit(config: HubConfig): ReturnType<typeof setUpPartners> {
  try {
    return setUpPartners(config, PROTOCOLS);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
