import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { CloseDetail, ExecutionRunDetail, ParameterChangeDetail, RunAllDetail } from 'frameport';
import { demoConfig, EXECUTION_SETTINGS, INITIAL_PARAMS } from '../../shared/demo';

/**
 * `CUSTOM_ELEMENTS_SCHEMA` lets the template use the tags; `[prop]="…"` sets DOM properties
 * (objects and functions arrive intact), `(event-name)="…"` listens to the element's events.
 */
@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <notebook-embed
      id="notebook"
      [src]="config.src"
      language="de"
      [params]="params()"
      [tokenProvider]="tokenProvider"
      (ready)="readyCount.set(readyCount() + 1)"
      (parameter-change)="onParameterChange($event)"
      (run-all)="onRunAll($event)"
    ></notebook-embed>
    <execution-details
      id="execution"
      [attr.platform-url]="config.platformUrl"
      [attr.execution-id]="config.executionId"
      [accessToken]="config.token"
      [settings]="settings"
      (execution-run)="onExecutionRun($event)"
      (close)="onClose($event)"
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

  // With CUSTOM_ELEMENTS_SCHEMA Angular types `$event` as a plain Event.
  protected onParameterChange(event: Event): void {
    const { name, value } = (event as CustomEvent<ParameterChangeDetail>).detail;
    this.lastChange.set(`${name}=${JSON.stringify(value)}`);
  }
  protected onRunAll(event: Event): void {
    this.lastRunAll.set(JSON.stringify((event as CustomEvent<RunAllDetail>).detail.params));
  }
  protected onExecutionRun(event: Event): void {
    this.lastRun.set((event as CustomEvent<ExecutionRunDetail>).detail.data.id);
  }
  protected onClose(event: Event): void {
    this.closed.set((event as CustomEvent<CloseDetail>).detail.reason);
  }
  protected setRegion(): void {
    this.params.update((params) => ({ ...params, region: 'US' }));
  }
}
