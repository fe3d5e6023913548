import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { newIdentityKeys } from '../../electron/core/db/migrations.ts';
import { recordSigner, signRecord, type RecordSigner } from '../../electron/core/sync/signed-record.ts';
import { joinProofText, joinResponseSchema, type JoinResponse } from '../../shared/sync/protocol.ts';
import type { RecordBody, SignedRecord } from '../../shared/sync/record.ts';
import { BIN, ROOT, timbang } from './cli.ts';

/**
 * A hub in a child process (`timbang hub serve --json`), people who join it with their own keys,
 * and raw Hocuspocus providers in the test process: what a laptop's engine does, by hand.
 */
export interface HubChild {
  url: string;
  port: number;
  fingerprint: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for a clean exit; returns the exit code. */
  stop(): Promise<number | null>;
}

/** `args`: more options for `hub serve`, e.g. `['--postgres', url]`. */
export function startHubChild(dataDir: string, port = 0, args: string[] = []): Promise<HubChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'hub', 'serve', '--json', '--data', dataDir, '--port', String(port), ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'C.UTF-8', TIMBANG_LANG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const before = out;
      out += chunk.toString();
      if (before.includes('\n') || !out.includes('\n')) return;
      const line = JSON.parse(out.slice(0, out.indexOf('\n'))) as { url: string; port: number; fingerprint: string };
      resolve({
        ...line,
        dataDir,
        child,
        stderr: () => err,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.on('error', reject);
    void exited.then((code) => {
      if (!out.includes('\n')) reject(new Error(`the hub stopped before serving (${code}): ${err}`));
    });
  });
}

/** `timbang hub <args> --data <dir> --json`, parsed. */
export function hubCli<T>(dataDir: string, args: string[]): { status: number | null; json: T; stderr: string } {
  const run = timbang(['hub', ...args, '--data', dataDir, '--json']);
  return {
    status: run.status,
    json: (run.stdout.trim() ? JSON.parse(run.stdout) : JSON.parse(run.stderr || 'null')) as T,
    stderr: run.stderr,
  };
}

/** `args`: more options for `hub invite`, e.g. `['--postgres', url]` for a hub on Postgres. */
export function invite(dataDir: string, name: string, role: string, regencies: string[] = [], args: string[] = []): string {
  const run = hubCli<{ token: string }>(dataDir, [
    'invite',
    '--name',
    name,
    '--role',
    role,
    ...regencies.flatMap((code) => ['--regency', code]),
    ...args,
  ]);
  if (run.status !== 0) throw new Error(`invite failed: ${run.stderr}`);
  return run.json.token;
}

export interface Person {
  id: string;
  name: string;
  publicKey: string;
  privateKey: string;
  signer: RecordSigner;
  token: string;
  seq: number;
}

export function newPerson(name: string, token: string): Person {
  const keys = newIdentityKeys();
  return { ...keys, name, signer: recordSigner(keys.privateKey), token, seq: Date.now() };
}

export async function join_(
  url: string,
  fingerprint: string,
  person: Person,
  override: Partial<{ proof: string }> = {},
): Promise<Response> {
  const tokenSha256 = createHash('sha256').update(person.token).digest('hex');
  const proof = sign(null, Buffer.from(joinProofText(fingerprint, person.id, tokenSha256)), createPrivateKey(person.privateKey)).toString(
    'base64',
  );
  return fetch(`${url}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: person.token,
      person: person.id,
      name: person.name,
      institution: 'ITB',
      publicKey: person.publicKey,
      proof,
      ...override,
    }),
  });
}

export async function joined(url: string, fingerprint: string, person: Person): Promise<JoinResponse> {
  const response = await join_(url, fingerprint, person);
  if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  return joinResponseSchema.parse(await response.json());
}

type Envelope = 'v' | 'author' | 'by' | 'seq' | 'at';
/** A record by this person, with their next counter. */
export function recordBy(person: Person, fields: Record<string, unknown> & { kind: RecordBody['kind'] }): SignedRecord {
  person.seq += 1;
  const body = { v: 1, author: person.id, by: person.name, seq: person.seq, at: new Date().toISOString(), ...fields } as Omit<
    RecordBody,
    Envelope
  > &
    RecordBody;
  return signRecord(body, person.signer);
}

export function scoreRecord(person: Person, sub: string, code: string, value: number): SignedRecord {
  return recordBy(person, {
    kind: 'score',
    a: { sub, rubric: 'panel-test', role: 'assessor', person: person.id },
    c: code,
    value,
    before: null,
  });
}

/** The same record with one bit of its signature flipped. */
export const forged = (record: SignedRecord): SignedRecord => {
  const signature = new Uint8Array(record.signature);
  signature[0] = (signature[0] ?? 0) ^ 1;
  return { ...record, signature };
};

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  events: { authFailed: string[]; closed: string[]; synced: number; authenticated: boolean };
  destroy(): void;
}

/** One document over one socket, the way the engine opens each document. */
export function connect(url: string, token: string, name: string, doc = new Y.Doc()): Client {
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/sync`, delay: 100, minDelay: 100, maxDelay: 500 });
  const events: Client['events'] = { authFailed: [], closed: [], synced: 0, authenticated: false };
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => events.authFailed.push(reason),
    onAuthenticated: () => (events.authenticated = true),
    onSynced: () => (events.synced += 1),
    onClose: ({ event }) => events.closed.push(String(event.reason)),
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    events,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Synced with the hub and nothing unacknowledged: the hub has stored everything this client sent. */
export const acknowledged = (client: Client) => client.provider.isSynced && client.provider.unsyncedChanges === 0;

/** The hub's SQLite store, read directly (the hub may be running or killed). */
export function hubDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'hub.db'));
  try {
    return read(db);
  } finally {
    db.close();
  }
}
