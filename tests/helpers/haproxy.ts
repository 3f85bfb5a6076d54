/**
 * HAProxy for tests: the example configuration (deploy/haproxy/haproxy.cfg),
 * rendered into a temporary folder with the test's ports in place of the
 * documented ones, run in the foreground (`-db`) and stopped afterwards. The
 * test therefore exercises exactly the file a newcomer copies.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requiredUnderCi } from './postgres.ts';
import { freePort } from './free-port.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const HAPROXY_CONFIG = path.join(ROOT, 'deploy', 'haproxy', 'haproxy.cfg');
/** The addresses the example names: the front door and the three servers, in order. */
const EXAMPLE_FRONT = '127.0.0.1:8080';
const EXAMPLE_NODES = ['127.0.0.1:4001', '127.0.0.1:4002', '127.0.0.1:4003'];

function haproxyBinary(): string | null {
  for (const candidate of [process.env.HAPROXY_BIN, '/usr/sbin/haproxy', '/usr/bin/haproxy']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** True when HAProxy is installed (the bench uses it when it is, and runs without it otherwise). */
export const haproxyInstalled = (): boolean => haproxyBinary() !== null;

/** Why the HAProxy tests cannot run here, or null when they can; under CI it throws instead (see requiredUnderCi). */
export function haproxyMissingReason(): string | null {
  return requiredUnderCi(
    haproxyBinary() ? null : 'haproxy not found in /usr/sbin or HAPROXY_BIN (apt-get install haproxy)',
  );
}

/** The example configuration with the test's front port and server ports in place of the documented ones. */
export function renderHaproxyConfig(frontPort: number, nodePorts: readonly number[]): string {
  if (nodePorts.length !== EXAMPLE_NODES.length) throw new Error(`the example has ${EXAMPLE_NODES.length} servers`);
  let text = fs.readFileSync(HAPROXY_CONFIG, 'utf8');
  const swap = (from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`${HAPROXY_CONFIG} no longer names ${from}`);
    text = text.replaceAll(from, to);
  };
  swap(`bind ${EXAMPLE_FRONT}`, `bind 127.0.0.1:${frontPort}`);
  EXAMPLE_NODES.forEach((address, i) => swap(` ${address}`, ` 127.0.0.1:${nodePorts[i]}`));
  return text;
}

export type TestHaproxy = { url: string; port: number; pid: number; stop(): Promise<void> };

export async function startHaproxy(nodePorts: readonly number[]): Promise<TestHaproxy> {
  const binary = haproxyBinary();
  if (!binary) throw new Error(haproxyMissingReason()!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-haproxy-'));
  const port = await freePort();
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, renderHaproxyConfig(port, nodePorts));
  execFileSync(binary, ['-c', '-q', '-f', file], { stdio: 'pipe' });
  const child: ChildProcess = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  // Ready once it answers /health through one of the servers.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${errors}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`haproxy did not answer in time: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    port,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
