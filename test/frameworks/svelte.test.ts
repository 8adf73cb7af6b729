import { describeExample, loadBuiltApp } from './example-app.js';

describeExample('Svelte', async () => {
  document.body.insertAdjacentHTML('beforeend', '<div id="app"></div>');
  await loadBuiltApp('/demo/host/frameworks/svelte/dist/app.js');
});
