/**
 * Type tests, checked by `tsc --noEmit` (not run): the props of the `frameport/react` wrappers
 * (the seed's usage compiles as written) and the JSX types of the bare tags (`frameport/jsx`).
 * Each `@ts-expect-error` line must fail to compile, or tsc reports the directive unused.
 */
import { createRef } from 'react';
import {
  EmbedProvider,
  ExecutionDetails,
  NotebookEmbed,
  type ExecutionDetailsElement,
  type NotebookEmbedElement,
} from '../../src/react/index.js';
import type { ParameterChangeDetail } from '../../src/index.js';

/** The seed's snippet, verbatim apart from the handler bodies. */
export const seed = (
  <ExecutionDetails
    accessToken="ACCESS_TOKEN"
    executionId="6695093afg66536c28b97222"
    settings={{
      i18nOverrides: {},
      language: 'en',
      modal: false,
    }}
    onExecutionRun={({ data }) => {
      const id: string = data.id;
      void id;
    }}
    onClose={() => {
      // runs when the creation workflow is closed via the "Cancel" button or the "X" button
    }}
  />
);

const notebookRef = createRef<NotebookEmbedElement>();
const executionRef = createRef<ExecutionDetailsElement>();

export const notebook = (
  <EmbedProvider platformUrl="https://platform.example" tokenProvider={async () => ({ token: 't', expiresAt: 1 })}>
    <NotebookEmbed
      ref={notebookRef}
      src="https://platform.example/embed/notebooks/1"
      params={{ region: 'EU' }}
      tokenProvider={async () => 'token'}
      className="notebook"
      style={{ height: 400 }}
      onParameterChange={({ name, value, params }, event) => {
        const detail: ParameterChangeDetail = event.detail;
        void [name, value, params, detail];
      }}
      onRunAll={({ params }) => void params}
      onReady={({ features }) => void features.includes('rpc')}
      onError={({ code, message }) => void [code, message]}
      onClose={({ reason }, event) => reason === 'escape' && event.preventDefault()}
    />
    <ExecutionDetails ref={executionRef} executionId="e1" modal open />
  </EmbedProvider>
);

export const mistakes = [
  // @ts-expect-error `params` is an object, not a string
  <NotebookEmbed params="region=EU" />,
  // @ts-expect-error the handler gets the detail: `run-all` has no `data`
  <NotebookEmbed onRunAll={({ data }) => void data} />,
  // @ts-expect-error `executionId` is a string
  <ExecutionDetails executionId={42} />,
  // @ts-expect-error `settings.modal` is a boolean
  <ExecutionDetails settings={{ modal: 'yes' }} />,
  // @ts-expect-error not a prop of <NotebookEmbed>
  <NotebookEmbed onExecutionRun={() => {}} />,
];

/** React 19 without the wrappers: the bare tags in JSX (`frameport/jsx`). */
export const bare = (
  <>
    <notebook-embed
      src="https://platform.example/embed/notebooks/1"
      params={{ region: 'EU' }}
      tokenProvider={async () => 'token'}
      onparameter-change={(event) => void event.detail.name}
      onready={(event) => void event.detail.features}
    />
    <execution-details execution-id="e1" platform-url="https://platform.example" settings={{ language: 'en' }} />
    <embed-provider token-url="/api/embed-token" />
    {/* @ts-expect-error `params` as a property is an object */}
    <notebook-embed params={42} />
    {/* @ts-expect-error `run-all` has `params`, not `name` */}
    <notebook-embed onrun-all={(event) => void event.detail.name} />
  </>
);
