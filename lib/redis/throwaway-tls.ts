import { spawnSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { OpensslError } from './errors';

/** Files (and the CA's PEM text) of a throwaway certificate authority and server certificate. */
export interface ThrowawayTls {
  /** The CA certificate clients trust, as PEM text (pass it as ioredis `tls.ca`). */
  readonly ca: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * Creates, in `dir`, a one-day certificate authority and a server certificate it signs for
 * `127.0.0.1`/`localhost`, with `openssl`. For tests and lessons only: the private key of the CA
 * sits next to it, so never trust this CA outside the temp dir it lives in.
 *
 * @throws {OpensslError} when openssl is missing or fails.
 */
export function createThrowawayTls(dir: string): ThrowawayTls {
  const file = (name: string) => join(dir, name);
  const run = (step: string, args: string[]) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new OpensslError(step, `${result.stderr ?? ''}${result.error?.message ?? ''}`);
  };
  run('create the CA', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=cachecraft throwaway CA', '-keyout', file('ca.key'), '-out', file('ca.crt')]);
  run('create the server key', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr')]);
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('sign the server certificate', ['x509', '-req', '-days', '1', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-extfile', file('server.ext'), '-out', file('server.crt')]);
  return { ca: readFileSync(file('ca.crt'), 'utf8'), caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key') };
}
