import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Hocuspocus } from '@hocuspocus/server';
import { hocuspocusWebSocket } from '../../electron/hub/websocket.ts';
import * as Y from 'yjs';
import { REGISTRY_DOC } from '../../shared/sync/docs.ts';
import { SYNC_PATH, SYNC_PROTOCOL, joinProofText, joinRequestSchema, type HubInfo } from '../../shared/sync/protocol.ts';
import type { TeamRole } from '../../shared/sync/record.ts';
import { sha256Hex } from '../../electron/core/sync/identity.ts';
import { hubFingerprint, recordSigner, signRecord } from '../../electron/core/sync/signed-record.ts';
import { addRecords } from '../../electron/core/sync/ydoc.ts';

/**
 * A bare hub for the engine's tests: Hocuspocus on our own http server with the crossws adapter
 * (as `@hocuspocus/server`'s `Server` does, without its signal handling), the `/hub`, `/join` and
 * `/sync/index` routes of protocol.ts, tokens checked in `onAuthenticate`. No record checks, no
 * access rules: the real hub (electron/hub) has those. Updates are kept in `updates`, which
 * outlives a stop, so a restarted hub on the same port has everything it acknowledged.
 */
export interface BareHub {
  url: string;
  port: number;
  fingerprint: string;
  info: HubInfo;
  updates: Map<string, Uint8Array[]>;
  invite(role?: TeamRole): string;
  revoke(token: string): void;
  /** A document's state as the hub holds it. */
  docState(name: string): Y.Doc;
  /** Called in onAuthenticate before a document is let in: tests hold a pass there. */
  gate: ((documentName: string) => Promise<void>) | null;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

interface Invite {
  role: TeamRole;
  person: string | null;
  revoked: boolean;
}

export async function startBareHub(): Promise<BareHub> {
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fingerprint = hubFingerprint(publicKey);
  const signer = recordSigner(privateKey);
  const info: HubInfo = { name: 'timbang-hub', protocol: SYNC_PROTOCOL, fingerprint, publicKey, title: 'test hub' };
  const invites = new Map<string, Invite>();
  const updates = new Map<string, Uint8Array[]>();
  let seq = Date.now();

  let port = 0;
  let running: { hocuspocus: Hocuspocus; server: ReturnType<typeof createServer>; sockets: Set<Socket> } | null = null;
  const hub: BareHub = {
    url: '',
    port: 0,
    fingerprint,
    info,
    updates,
    gate: null,
    invite(role = 'assessor') {
      const token = `tmb1.${fingerprint}.${randomBytes(32).toString('base64url')}`;
      invites.set(token, { role, person: null, revoked: false });
      return token;
    },
    revoke(token) {
      const invite = invites.get(token);
      if (invite) invite.revoked = true;
    },
    docState(name) {
      const doc = new Y.Doc();
      for (const update of updates.get(name) ?? []) Y.applyUpdate(doc, update);
      return doc;
    },
    async stop() {
      const current = running;
      running = null;
      if (!current) return;
      current.hocuspocus.closeConnections();
      // Upgraded sockets are no longer the http server's: end them here, or a held connection outlives the stop.
      for (const socket of current.sockets) socket.destroy();
      current.server.closeAllConnections();
      await new Promise<void>((resolve) => current.server.close(() => resolve()));
    },
    async restart() {
      await start();
    },
  };

  async function start(): Promise<void> {
    const hocuspocus = new Hocuspocus({
      quiet: true,
      debounce: 0,
      onAuthenticate: async ({ token, documentName, connectionConfig }) => {
        const invite = invites.get(token);
        if (!invite) throw Object.assign(new Error('refused'), { reason: 'unknown_token' });
        if (invite.revoked) throw Object.assign(new Error('refused'), { reason: 'revoked' });
        if (!invite.person) throw Object.assign(new Error('refused'), { reason: 'not_joined' });
        if (hub.gate) await hub.gate(documentName);
        if (invite.role === 'ministry') connectionConfig.readOnly = true;
        return { person: invite.person };
      },
      onLoadDocument: async ({ document, documentName }) => {
        for (const update of updates.get(documentName) ?? []) Y.applyUpdate(document, update);
        return document;
      },
      onChange: async ({ documentName, update }) => {
        const list = updates.get(documentName) ?? [];
        list.push(update);
        updates.set(documentName, list);
      },
    });
    const ws = hocuspocusWebSocket(hocuspocus);

    async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const url = new URL(request.url ?? '/', 'http://hub');
      if (request.method === 'GET' && url.pathname === '/hub') return send(200, info);
      if (request.method === 'POST' && url.pathname === '/join') {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const parsed = joinRequestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        if (!parsed.success) return send(400, { error: 'bad_request' });
        const join = parsed.data;
        const invite = invites.get(join.token);
        if (!invite) return send(401, { error: 'unknown_token' });
        if (invite.revoked) return send(403, { error: 'revoked' });
        const proofOk = verify(
          null,
          Buffer.from(joinProofText(fingerprint, join.person, sha256Hex(join.token))),
          createPublicKey(join.publicKey),
          Buffer.from(join.proof, 'base64'),
        );
        if (!proofOk) return send(400, { error: 'bad_proof' });
        if (invite.person && invite.person !== join.person) return send(409, { error: 'token_used' });
        invite.person = join.person;
        seq += 1;
        const member = signRecord(
          {
            v: 1,
            kind: 'member',
            author: `hub:${fingerprint}`,
            by: 'hub',
            seq,
            at: new Date().toISOString(),
            person: join.person,
            name: join.name,
            institution: join.institution,
            role: invite.role,
            regencies: [],
            publicKey: join.publicKey,
            revokedAfterSeq: null,
          },
          signer,
        );
        const direct = await hocuspocus.openDirectConnection(REGISTRY_DOC, {});
        await direct.transact((doc) => {
          addRecords(doc, [member]);
        });
        await direct.disconnect();
        return send(200, {
          member: { id: member.id, text: member.text, signature: Buffer.from(member.signature).toString('base64') },
          role: invite.role,
          regencies: [],
          hub: info,
        });
      }
      if (request.method === 'GET' && url.pathname === '/sync/index') {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
        const invite = invites.get(token);
        if (!invite) return send(401, { error: 'unknown_token' });
        if (invite.revoked) return send(403, { error: 'revoked' });
        return send(200, { docs: [...updates].map(([name, list]) => ({ name, version: list.length })) });
      }
      return send(404, { error: 'not_found' });
    }

    const server = createServer((request, response) => {
      route(request, response).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
    server.on('upgrade', (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://hub').pathname !== SYNC_PATH) return socket.destroy();
      ws.handleUpgrade(request, socket, head);
    });
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    hub.port = port;
    hub.url = `http://127.0.0.1:${port}`;
    running = { hocuspocus, server, sockets };
  }

  await start();
  return hub;
}
