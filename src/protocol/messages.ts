import {
  array,
  boolean,
  byType,
  literal,
  looseObject,
  number,
  object,
  oneOf,
  optional,
  record,
  string,
  unknown,
  type Infer,
  type Schema,
} from './schema.js';
import { LIMITS } from './limits.js';

/** Version of the wire protocol this SDK speaks (sent by guests in READY_FOR_TOKEN). */
export const PROTOCOL_VERSION = 1;

const params = record(unknown);

// ---- Guest (iframe) -> host ------------------------------------------------------------

export const ReadyForToken = object({
  type: literal('READY_FOR_TOKEN'),
  features: optional(array(string(64), 64)),
  protocol: optional(number()),
});
export const ParameterChanged = object({ type: literal('PARAMETER_CHANGED'), name: string(), value: unknown, params });
export const RunAll = object({ type: literal('RUN_ALL'), params: optional(params) });
/** `data` is the platform's execution object: kept whole, but it must have a string `id`. */
export const ExecutionRun = object({ type: literal('EXECUTION_RUN'), data: looseObject({ id: string() }) });
/** `button`: the embed's own Cancel/X; `escape`: Escape pressed inside an embed shown in the host's dialog. */
export const Close = object({ type: literal('CLOSE'), reason: optional(oneOf('button', 'escape')) });
/** A height above {@link LIMITS.maxHeight} is clamped to it: no embed needs a taller frame. */
const height: Schema<number> = (value) => {
  const valid = number((h) => h > 0)(value);
  return valid === undefined ? undefined : Math.min(valid, LIMITS.maxHeight);
};
export const Resize = object({ type: literal('RESIZE'), height });
export const TokenExpired = object({ type: literal('TOKEN_EXPIRED') });
export const EmbedError = object({ type: literal('ERROR'), code: string(200), message: string(10_000) });

export const GuestMessage = byType({
  READY_FOR_TOKEN: ReadyForToken,
  PARAMETER_CHANGED: ParameterChanged,
  RUN_ALL: RunAll,
  EXECUTION_RUN: ExecutionRun,
  CLOSE: Close,
  RESIZE: Resize,
  TOKEN_EXPIRED: TokenExpired,
  ERROR: EmbedError,
});

// ---- Host -> guest -------------------------------------------------------------------

export const SetToken = object({ type: literal('SET_TOKEN'), token: string(Infinity, 1) });
export const SetParameters = object({ type: literal('SET_PARAMETERS'), params });
export const SetSettings = object({
  type: literal('SET_SETTINGS'),
  language: string(35),
  i18nOverrides: record(string()),
  theme: optional(oneOf('light', 'dark')),
  modal: optional(boolean),
});

export const HostMessage = byType({ SET_TOKEN: SetToken, SET_PARAMETERS: SetParameters, SET_SETTINGS: SetSettings });

export type GuestMessage = Infer<typeof GuestMessage>;
export type HostMessage = Infer<typeof HostMessage>;
export type GuestMessageType = GuestMessage['type'];
export type HostMessageType = HostMessage['type'];
/** The guest message of one `type`. */
export type GuestMessageOf<T extends GuestMessageType> = Extract<GuestMessage, { type: T }>;
/** The host message of one `type`. */
export type HostMessageOf<T extends HostMessageType> = Extract<HostMessage, { type: T }>;
export type Params = Record<string, unknown>;
/** The look the host shows; the embed follows it. */
export type Theme = 'light' | 'dark';
export interface Settings {
  language: string;
  i18nOverrides: Record<string, string>;
  /** The theme the host page shows (absent: the embed keeps its own). */
  theme?: Theme | undefined;
  /** The embed sits in the host's dialog: no X of its own, Escape forwarded as CLOSE. */
  modal?: boolean | undefined;
}
/** Why the embed asked to close. */
export type GuestCloseReason = 'button' | 'escape';
