import type { Db } from '../db.js';
import { ApiError, ApiErrorCode } from '../errors.js';
import { randomId, sha256Hex } from '../secrets.js';

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
}
export interface SubOrganization {
  identifier: string;
  name: string;
  createdAt: number;
}

/**
 * Finds the organisation a license key belongs to. Keys are stored as sha256 hashes: a lookup by
 * the hash of a high-entropy key leaks nothing useful through timing, and the DB never holds the key.
 */
export function orgByLicenseKey(db: Db, licenseKey: string): string | undefined {
  return (
    db.prepare('SELECT id FROM organizations WHERE license_key_hash = ?').get(sha256Hex(licenseKey)) as
      { id: string } | undefined
  )?.id;
}

/** A user's e-mail as stored, if the organisation has that user (case-insensitive). */
export function findUserEmail(db: Db, orgId: string, email: string): string | undefined {
  return (
    db.prepare('SELECT email FROM users WHERE org_id = ? AND email = ?').get(orgId, email) as
      { email: string } | undefined
  )?.email;
}

export function listUsers(db: Db, orgId: string): User[] {
  return db
    .prepare('SELECT id, email, name, created_at AS createdAt FROM users WHERE org_id = ? ORDER BY email')
    .all(orgId) as User[];
}

/** Adds a user; 409 if the organisation already has one with this e-mail (other organisations may). */
export function createUser(
  db: Db,
  orgId: string,
  email: string,
  name: string,
  now: number,
  id = randomId('user'),
): User {
  if (findUserEmail(db, orgId, email)) throw new ApiError(409, ApiErrorCode.CONFLICT, `User ${email} already exists`);
  db.prepare('INSERT INTO users (id, org_id, email, name, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    orgId,
    email,
    name,
    now,
  );
  return { id, email, name, createdAt: now };
}

export function findSubOrg(db: Db, orgId: string, identifier: string): string | undefined {
  return (
    db.prepare('SELECT id FROM sub_orgs WHERE org_id = ? AND id = ?').get(orgId, identifier) as
      { id: string } | undefined
  )?.id;
}

export function listSubOrgs(db: Db, orgId: string): SubOrganization[] {
  return db
    .prepare('SELECT id AS identifier, name, created_at AS createdAt FROM sub_orgs WHERE org_id = ? ORDER BY id')
    .all(orgId) as SubOrganization[];
}

/** Adds a sub-organization; its identifier is global (it names executions' owners), so 409 if taken anywhere. */
export function createSubOrg(db: Db, orgId: string, identifier: string, name: string, now: number): SubOrganization {
  if (db.prepare('SELECT 1 FROM sub_orgs WHERE id = ?').get(identifier))
    throw new ApiError(409, ApiErrorCode.CONFLICT, `Sub-organization ${identifier} already exists`);
  db.prepare('INSERT INTO sub_orgs (id, org_id, name, created_at) VALUES (?, ?, ?, ?)').run(
    identifier,
    orgId,
    name,
    now,
  );
  return { identifier, name, createdAt: now };
}
