// Puppeteer drives the system's Firefox (see web-test-runner.config.mjs): never download a browser on install.
module.exports = { skipDownload: true };
