import { useState } from 'react';
// The wrappers register the tags themselves; `frameport/react` also types `<notebook-embed>` in JSX.
import { ExecutionDetails, NotebookEmbed, type ParameterChangeDetail } from 'frameport/react';
import { demoConfig, EXECUTION_SETTINGS, INITIAL_PARAMS } from '../../shared/demo';

const config = demoConfig();
// A function, passed as a property: the element calls it for every fresh token. Defined once,
// outside the component, so every render passes the same function (one token cache).
const tokenProvider = async () => config.token;

export function App() {
  const [params, setParams] = useState<Record<string, unknown>>({ ...INITIAL_PARAMS });
  const [readyCount, setReadyCount] = useState(0);
  const [lastChange, setLastChange] = useState('');
  const [lastRunAll, setLastRunAll] = useState('');
  const [lastRun, setLastRun] = useState('');
  const [closed, setClosed] = useState('');
  const [rawChange, setRawChange] = useState('');
  const [dialogShown, setDialogShown] = useState(false);
  const [dialogCloses, setDialogCloses] = useState<string[]>([]);

  return (
    <>
      <NotebookEmbed
        id="notebook"
        src={config.src}
        language="de"
        params={params}
        tokenProvider={tokenProvider}
        onReady={() => setReadyCount((count) => count + 1)}
        onParameterChange={({ name, value }) => setLastChange(`${name}=${JSON.stringify(value)}`)}
        onRunAll={({ params }) => setLastRunAll(JSON.stringify(params))}
      />
      {/* The seed's props, unchanged: handlers get the event's detail. */}
      <ExecutionDetails
        id="execution"
        platformUrl={config.platformUrl}
        executionId={config.executionId}
        accessToken={config.token}
        settings={EXECUTION_SETTINGS}
        onExecutionRun={({ data }) => setLastRun(data.id)}
        onClose={({ reason }) => setClosed(reason)}
      />
      {/* As in the vendor's guide: rendered with `modal: true` it shows as a modal; unmount it in onClose. */}
      <button id="show-dialog" type="button" onClick={() => setDialogShown(true)}>
        Show in a dialog
      </button>
      {dialogShown && (
        <ExecutionDetails
          id="dialog-execution"
          platformUrl={config.platformUrl}
          executionId={config.executionId}
          accessToken={config.token}
          settings={{ ...EXECUTION_SETTINGS, modal: true }}
          onClose={({ reason }) => {
            setDialogCloses((closes) => [...closes, reason]);
            setDialogShown(false);
          }}
        />
      )}
      {/* React 19 without the wrappers: props become properties, `on<event-name>` listens. */}
      <notebook-embed
        id="raw-notebook"
        src={config.rawSrc}
        params={params}
        tokenProvider={tokenProvider}
        onparameter-change={(event: CustomEvent<ParameterChangeDetail>) =>
          setRawChange(`${event.detail.name}=${JSON.stringify(event.detail.value)}`)
        }
      />
      <button id="set-region" type="button" onClick={() => setParams({ ...params, region: 'US' })}>
        Region: US
      </button>
      <dl>
        <dt>ready</dt>
        <dd id="ready">{readyCount}</dd>
        <dt>parameter-change</dt>
        <dd id="change">{lastChange}</dd>
        <dt>run-all</dt>
        <dd id="run-all">{lastRunAll}</dd>
        <dt>execution-run</dt>
        <dd id="execution-run">{lastRun}</dd>
        <dt>close</dt>
        <dd id="closed">{closed}</dd>
        <dt>parameter-change (raw element)</dt>
        <dd id="raw-change">{rawChange}</dd>
        <dt>close (dialog)</dt>
        <dd id="dialog-closes">{dialogCloses.join(',')}</dd>
      </dl>
    </>
  );
}
