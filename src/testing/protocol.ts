/** Messages between a test and the mock embed page, kept apart from the product protocol. */
export const MOCK_KEY = '__frameportMock';

/** What the mock embed reports to the test page. */
export type MockReport =
  | { kind: 'loaded'; href: string }
  | { kind: 'received'; message: { type: string; [key: string]: unknown }; hasPort: boolean }
  | { kind: 'rpc'; method: string; args: unknown[] }
  | { kind: 'token'; token: string }
  | { kind: 'reply'; id: number; value?: unknown; error?: string };

/** What the test asks the mock embed to do. */
export type MockCommand =
  | { kind: 'post'; message: unknown; id: number }
  | { kind: 'flood'; message: unknown; count: number; id: number }
  | { kind: 'ready'; id: number }
  | { kind: 'navigate'; url: string; id: number }
  | { kind: 'reload'; id: number }
  | { kind: 'set-params'; params: Record<string, unknown>; id: number }
  | { kind: 'spawn-child'; url: string; id: number };
