// A node test environment that runs the worker in the time zone its project names
// (testEnvironmentOptions.timezone). It sets the REAL process's TZ: the test sandbox only has a
// copy of process.env, so setting TZ from a setup file would not move the clock's zone.
const { TestEnvironment } = require('jest-environment-node');

class TimezoneEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const zone = config.projectConfig.testEnvironmentOptions?.timezone;
    if (zone) {
      process.env.TZ = zone;
      this.global.process.env.TZ = zone;
    }
  }
}

module.exports = TimezoneEnvironment;
