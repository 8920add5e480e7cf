import { AppConfig, ConfigError, loadConfig } from './config';

/** Loads the config for an entry point; a bad setting prints one line and exits with code 1. */
export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** Prints why a process could not start and exits with code 1. */
export function exitOnStartupError(what: string): (e: unknown) => never {
  return (e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${what} could not start: ${msg}\n`);
    process.exit(1);
  };
}
