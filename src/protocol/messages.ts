import { z } from 'zod/mini';

/** Version of the wire protocol this SDK speaks (sent by guests in READY_FOR_TOKEN). */
export const PROTOCOL_VERSION = 1;

const params = z.record(z.string(), z.unknown());

// ---- Guest (iframe) -> host ------------------------------------------------------------

export const ReadyForToken = z.object({
  type: z.literal('READY_FOR_TOKEN'),
  features: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(64))),
  protocol: z.optional(z.number()),
});
export const ParameterChanged = z.object({
  type: z.literal('PARAMETER_CHANGED'),
  name: z.string(),
  value: z.unknown(),
  params,
});
export const RunAll = z.object({ type: z.literal('RUN_ALL'), params: z.optional(params) });
export const ExecutionRun = z.object({
  type: z.literal('EXECUTION_RUN'),
  data: z.looseObject({ id: z.string() }),
});
export const Close = z.object({ type: z.literal('CLOSE') });
export const Resize = z.object({
  type: z.literal('RESIZE'),
  height: z.number().check(z.gt(0), z.lte(1_000_000)),
});
export const TokenExpired = z.object({ type: z.literal('TOKEN_EXPIRED') });
export const EmbedError = z.object({
  type: z.literal('ERROR'),
  code: z.string().check(z.maxLength(200)),
  message: z.string().check(z.maxLength(10_000)),
});

export const GuestMessage = z.discriminatedUnion('type', [
  ReadyForToken,
  ParameterChanged,
  RunAll,
  ExecutionRun,
  Close,
  Resize,
  TokenExpired,
  EmbedError,
]);

// ---- Host -> guest -------------------------------------------------------------------

export const SetToken = z.object({ type: z.literal('SET_TOKEN'), token: z.string().check(z.minLength(1)) });
export const SetParameters = z.object({ type: z.literal('SET_PARAMETERS'), params });
export const SetSettings = z.object({
  type: z.literal('SET_SETTINGS'),
  language: z.string().check(z.maxLength(35)),
  i18nOverrides: z.record(z.string(), z.string()),
});

export const HostMessage = z.discriminatedUnion('type', [SetToken, SetParameters, SetSettings]);

export type GuestMessage = z.infer<typeof GuestMessage>;
export type HostMessage = z.infer<typeof HostMessage>;
export type GuestMessageType = GuestMessage['type'];
export type HostMessageType = HostMessage['type'];
/** The guest message of one `type`. */
export type GuestMessageOf<T extends GuestMessageType> = Extract<GuestMessage, { type: T }>;
/** The host message of one `type`. */
export type HostMessageOf<T extends HostMessageType> = Extract<HostMessage, { type: T }>;
export type Params = Record<string, unknown>;
export interface Settings {
  language: string;
  i18nOverrides: Record<string, string>;
}
