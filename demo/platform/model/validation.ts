/** A problem with one field of an imported row, with a stable code the UI can translate. */
export interface FieldError {
  code: 'REQUIRED' | 'INVALID_EMAIL' | 'UNKNOWN_COUNTRY' | 'NOT_A_NUMBER' | 'NEGATIVE_AMOUNT';
  message: string;
}
export type RowData = Record<string, string>;
export type RowErrors = Record<string, FieldError>;

/** ISO 3166 alpha-2 codes the demo's customer import accepts. */
const COUNTRIES = new Set([
  'AT',
  'AU',
  'BE',
  'BR',
  'CA',
  'CH',
  'DE',
  'DK',
  'ES',
  'FI',
  'FR',
  'GB',
  'IE',
  'IN',
  'IT',
  'JP',
  'NL',
  'NO',
  'PL',
  'PT',
  'SE',
  'US',
]);
// Deliberately simple: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates one row of the "Customer import" pipeline (fields name, email, country, amount). */
export function validateRow(data: RowData): RowErrors {
  const errors: RowErrors = {};
  const value = (field: string) => (data[field] ?? '').trim();

  if (!value('name')) errors.name = { code: 'REQUIRED', message: 'Name is required' };

  const email = value('email');
  if (!email) errors.email = { code: 'REQUIRED', message: 'E-mail is required' };
  else if (!EMAIL.test(email))
    errors.email = { code: 'INVALID_EMAIL', message: `"${email}" is not a valid e-mail address` };

  const country = value('country').toUpperCase();
  if (!country) errors.country = { code: 'REQUIRED', message: 'Country is required' };
  else if (!COUNTRIES.has(country))
    errors.country = { code: 'UNKNOWN_COUNTRY', message: `"${country}" is not a known country code` };

  const amount = value('amount');
  if (!amount) errors.amount = { code: 'REQUIRED', message: 'Amount is required' };
  else if (!/^-?\d+(\.\d+)?$/.test(amount))
    errors.amount = { code: 'NOT_A_NUMBER', message: `"${amount}" is not a number` };
  else if (Number(amount) < 0) errors.amount = { code: 'NEGATIVE_AMOUNT', message: 'Amount must not be negative' };

  return errors;
}
