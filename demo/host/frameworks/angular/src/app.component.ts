import { Component, signal } from '@angular/core';
import { FRAMEPORT_COMPONENTS } from 'frameport/angular';
import { demoConfig, EXECUTION_SETTINGS, INITIAL_PARAMS } from '../../shared/demo';

/**
 * `frameport/angular`'s components sit on the tags themselves: `[prop]="…"` is a typed input that
 * sets the element's property (objects and functions arrive intact), `(event-name)="…"` listens
 * to the element's event with `$event` typed as its `CustomEvent`. No CUSTOM_ELEMENTS_SCHEMA, so a
 * misspelled input or a wrong type fails `ng build`.
 */
@Component({
  selector: 'app-root',
  imports: [FRAMEPORT_COMPONENTS],
  template: `
    <notebook-embed
      id="notebook"
      [src]="config.src"
      language="de"
      [params]="params()"
      [tokenProvider]="tokenProvider"
      (ready)="readyCount.set(readyCount() + 1)"
      (parameter-change)="lastChange.set($event.detail.name + '=' + json($event.detail.value))"
      (run-all)="lastRunAll.set(json($event.detail.params))"
    ></notebook-embed>
    <execution-details
      id="execution"
      [platformUrl]="config.platformUrl"
      [executionId]="config.executionId"
      [accessToken]="config.token"
      [settings]="settings"
      (execution-run)="lastRun.set($event.detail.data.id)"
      (close)="closed.set($event.detail.reason)"
    ></execution-details>
    <button id="set-region" type="button" (click)="setRegion()">Region: US</button>
    <dl>
      <dt>ready</dt>
      <dd id="ready">{{ readyCount() }}</dd>
      <dt>parameter-change</dt>
      <dd id="change">{{ lastChange() }}</dd>
      <dt>run-all</dt>
      <dd id="run-all">{{ lastRunAll() }}</dd>
      <dt>execution-run</dt>
      <dd id="execution-run">{{ lastRun() }}</dd>
      <dt>close</dt>
      <dd id="closed">{{ closed() }}</dd>
    </dl>
  `,
})
export class AppComponent {
  protected readonly config = demoConfig();
  protected readonly settings = EXECUTION_SETTINGS;
  protected readonly params = signal<Record<string, unknown>>({ ...INITIAL_PARAMS });
  // A function, passed as a property: the element calls it for every fresh token.
  protected readonly tokenProvider = async () => this.config.token;

  protected readonly readyCount = signal(0);
  protected readonly lastChange = signal('');
  protected readonly lastRunAll = signal('');
  protected readonly lastRun = signal('');
  protected readonly closed = signal('');

  protected readonly json = (value: unknown) => JSON.stringify(value);

  protected setRegion(): void {
    this.params.update((params) => ({ ...params, region: 'US' }));
  }
}
