import { describeExample, loadBuiltApp } from './example-app.js';

describeExample('Vue', async () => {
  document.body.insertAdjacentHTML('beforeend', '<div id="app"></div>');
  await loadBuiltApp('/demo/host/frameworks/vue/dist/app.js');
});
