// A mocha reporter: the usual spec output, plus the pass/fail counts written as JSON to $MOCHA_COUNTS_FILE
// so scripts/test-all.mjs can print one total line over every suite.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.MOCHA_COUNTS_FILE;
      if (file) {
        fs.writeFileSync(file, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures }));
      }
    });
  }
}
module.exports = CountReporter;
