import { randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { blobAccess, docAccess, type Member } from '../../shared/sync/access.ts';
import { hashingMeter } from '../core/sync/hashing-meter.ts';
import { send } from './http.ts';
import type { HubBlobRef, HubStore } from './store.ts';

/**
 * The hub's document files (docs/sync.md §6), `DIR/blobs/<2 hex>/<sha256>`, each stored once. A
 * file follows the `document` records that name it (`hub_blob_ref`): it is served only to members
 * who may read such a document, taken only from members who may write one and only at the size
 * the record gives. Which referenced files the folder lacks is kept in memory (the folder is
 * scanned at start, each stored file added), so `GET /sync/index` can ask laptops to refill them.
 */
export interface BlobShelf {
  /** References the store has just committed. */
  referenced(refs: readonly HubBlobRef[]): void;
  /** The files that documents this member may write reference and the folder lacks, sorted. */
  missingFor(member: Pick<Member, 'person' | 'role' | 'regencies'>): string[];
  /** `HEAD|GET|PUT /blobs/<sha256>` for an authenticated member. */
  route(request: IncomingMessage, response: ServerResponse, sha: string, member: Member): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export async function openBlobShelf(options: { dir: string; store: HubStore; maxBytes: number }): Promise<BlobShelf> {
  const { dir, store, maxBytes } = options;
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const fileOf = (sha: string) => join(dir, sha.slice(0, 2), sha);

  const present = new Set<string>();
  for (const prefix of readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of readdirSync(join(dir, prefix))) if (SHA256.test(name) && name.startsWith(prefix)) present.add(name);
  }
  /** Referenced files the folder lacks, each with the documents that reference it. */
  const missing = new Map<string, Set<string>>();
  const referenced = (refs: readonly HubBlobRef[]) => {
    for (const ref of refs) {
      if (present.has(ref.sha256)) continue;
      // Put there by hand since the scan: nothing to ask for.
      if (existsSync(fileOf(ref.sha256))) {
        present.add(ref.sha256);
        continue;
      }
      const docs = missing.get(ref.sha256) ?? new Set<string>();
      docs.add(ref.doc);
      missing.set(ref.sha256, docs);
    }
  };
  referenced(await store.blobRefs());
  const stored = (sha: string) => {
    present.add(sha);
    missing.delete(sha);
  };

  async function put(request: IncomingMessage, response: ServerResponse, sha: string, sizes: readonly number[]): Promise<void> {
    const file = fileOf(sha);
    if (existsSync(file)) {
      stored(sha);
      request.resume();
      return send(response, 200, { sha256: sha, stored: false });
    }
    const limit = Math.min(maxBytes, Math.max(...sizes));
    const declared = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
    if (declared !== null && declared > maxBytes) return send(response, 413, { error: 'payload_too_large' });
    if (declared !== null && !sizes.includes(declared)) {
      request.resume();
      return send(response, 400, { error: 'size_mismatch' });
    }
    const temp = join(dir, 'tmp', `${randomUUID()}.part`);
    const meter = hashingMeter(limit, () => new Error('too large'));
    try {
      await pipeline(request, meter.stream, createWriteStream(temp));
    } catch {
      rmSync(temp, { force: true });
      const size = meter.bytes;
      if (size > maxBytes) return send(response, 413, { error: 'payload_too_large' });
      return send(response, 400, { error: size > limit ? 'size_mismatch' : 'bad_request' });
    }
    if (!sizes.includes(meter.bytes)) {
      rmSync(temp, { force: true });
      return send(response, 400, { error: 'size_mismatch' });
    }
    if (meter.sha256() !== sha) {
      rmSync(temp, { force: true });
      return send(response, 400, { error: 'hash_mismatch' });
    }
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    mkdirSync(join(dir, sha.slice(0, 2)), { recursive: true });
    renameSync(temp, file);
    stored(sha);
    return send(response, 201, { sha256: sha, stored: true });
  }

  return {
    referenced,

    missingFor(member) {
      const wanted: string[] = [];
      for (const [sha, docs] of missing) if (blobAccess(member, docs) === 'write') wanted.push(sha);
      return wanted.sort();
    },

    async route(request, response, sha, member) {
      const refs = await store.blobRefs({ sha256: sha });
      if (request.method === 'HEAD' || request.method === 'GET') {
        const file = fileOf(sha);
        const docs = refs.map((ref) => ref.doc);
        // Not allowed answers exactly as not there: a hash alone says nothing about what the hub holds.
        if (blobAccess(member, docs) === 'none' || !existsSync(file)) return send(response, 404, { error: 'not_found' });
        const size = statSync(file).size;
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
        if (request.method === 'HEAD') return void response.end();
        await pipeline(createReadStream(file), response);
        return;
      }
      if (request.method !== 'PUT') return send(response, 405, { error: 'method' });
      if (member.role === 'ministry') return send(response, 403, { error: 'forbidden' });
      const sizes = refs.filter((ref) => docAccess(member, ref.doc) === 'write').map((ref) => ref.size);
      if (sizes.length === 0) {
        request.resume();
        return send(response, 403, { error: 'not_referenced' });
      }
      return put(request, response, sha, sizes);
    },
  };
}
