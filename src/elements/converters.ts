import type { ComplexAttributeConverter } from 'lit';
import { isRecord } from '../protocol/is-record.js';

/**
 * `params='{"a":1}'` and `i18n-overrides='{"frameport.close":"Schließen"}'`: JSON objects in
 * attributes. Anything that is not a JSON object reads as unset (and never throws from the
 * attribute callback).
 */
export const jsonObject: ComplexAttributeConverter<Record<string, unknown> | undefined> = {
  fromAttribute(value: string | null) {
    if (value === null || value.trim() === '') return undefined;
    try {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  },
  toAttribute: (value: unknown) => (value === undefined ? null : JSON.stringify(value)),
};

/**
 * A boolean attribute whose default is true: absent or `auto-resize` / `auto-resize=""` is
 * true, `auto-resize="false"` is false; false reflects as `"false"`.
 */
export const defaultTrue: ComplexAttributeConverter<boolean> = {
  fromAttribute: (value: string | null) => value !== 'false',
  toAttribute: (value: boolean) => (value ? null : 'false'),
};
