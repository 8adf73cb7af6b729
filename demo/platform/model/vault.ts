import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from '../db.js';
import { ApiError, ApiErrorCode, notFound } from '../errors.js';

/** Names of variables and secrets, as placeholders write them: `${{variables.NAME}}`. */
export const VAULT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface Variable {
  name: string;
  value: string;
  createdAt: number;
  updatedAt: number;
}
/** What the API answers for a secret: never its value. */
export interface SecretInfo {
  name: string;
  createdAt: number;
  updatedAt: number;
}

export function listVariables(db: Db, orgId: string): Variable[] {
  return db
    .prepare(
      'SELECT name, value, created_at AS createdAt, updated_at AS updatedAt FROM variables WHERE org_id = ? ORDER BY name',
    )
    .all(orgId) as Variable[];
}

export function variableValues(db: Db, orgId: string): Map<string, string> {
  return new Map(listVariables(db, orgId).map((v) => [v.name, v.value]));
}

export function putVariable(db: Db, orgId: string, name: string, value: string, now: number): Variable {
  db.prepare(
    `INSERT INTO variables (org_id, name, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(org_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(orgId, name, value, now, now);
  return listVariables(db, orgId).find((v) => v.name === name)!;
}

export function listSecrets(db: Db, orgId: string): SecretInfo[] {
  return db
    .prepare(
      'SELECT name, created_at AS createdAt, updated_at AS updatedAt FROM secrets WHERE org_id = ? ORDER BY name',
    )
    .all(orgId) as SecretInfo[];
}

export function secretNames(db: Db, orgId: string): Set<string> {
  return new Set(listSecrets(db, orgId).map((s) => s.name));
}

/** Stores a secret encrypted (AES-256-GCM, key derived from the platform secret); answers only its name. */
export function putSecret(db: Db, key: Buffer, orgId: string, name: string, value: string, now: number): SecretInfo {
  db.prepare(
    `INSERT INTO secrets (org_id, name, sealed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(org_id, name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
  ).run(orgId, name, seal(key, value, `${orgId}/${name}`), now, now);
  return listSecrets(db, orgId).find((s) => s.name === name)!;
}

/** The plaintext of a secret, for the one request that needs it; undefined if it is gone. */
export function revealSecret(db: Db, key: Buffer, orgId: string, name: string): string | undefined {
  const row = db.prepare('SELECT sealed FROM secrets WHERE org_id = ? AND name = ?').get(orgId, name) as
    { sealed: string } | undefined;
  return row ? open(key, row.sealed, `${orgId}/${name}`) : undefined;
}

/** Deletes a variable or secret; 409 while a webhook still refers to it, so no webhook breaks later. */
export function deleteVaultEntry(db: Db, orgId: string, kind: 'variables' | 'secrets', name: string): void {
  const table = kind === 'variables' ? 'variables' : 'secrets';
  if (!db.prepare(`SELECT 1 FROM ${table} WHERE org_id = ? AND name = ?`).get(orgId, name))
    throw notFound(`${kind === 'variables' ? 'Variable' : 'Secret'} ${name}`);
  const placeholder = new RegExp(`\\$\\{\\{\\s*${kind}\\.${name}\\s*\\}\\}`);
  const users = (
    db.prepare('SELECT id, url, header, body FROM webhooks WHERE org_id = ?').all(orgId) as Array<{
      id: string;
      url: string;
      header: string;
      body: string | null;
    }>
  ).filter((w) => placeholder.test(w.url) || placeholder.test(w.header) || placeholder.test(w.body ?? ''));
  if (users.length)
    throw new ApiError(
      409,
      ApiErrorCode.CONFLICT,
      `${kind}.${name} is used by webhook(s) ${users.map((w) => w.id).join(', ')}; change them first`,
    );
  db.prepare(`DELETE FROM ${table} WHERE org_id = ? AND name = ?`).run(orgId, name);
}

/** The secrets' encryption key, derived from the platform's signing secret. */
export function vaultKey(platformSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', platformSecret, 'frameport-vault', 'secrets-v1', 32));
}

function seal(key: Buffer, value: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

function open(key: Buffer, sealed: string, aad: string): string | undefined {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv!).setAAD(Buffer.from(aad));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  } catch {
    return undefined; // the platform secret changed: the secret cannot be read
  }
}
