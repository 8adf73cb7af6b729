import { describeExample, loadBuiltApp } from './example-app.js';

describeExample('Angular', async () => {
  document.body.insertAdjacentHTML('beforeend', '<app-root></app-root>');
  await loadBuiltApp('/demo/host/frameworks/angular/dist/main.js');
});
