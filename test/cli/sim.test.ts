import { describe, expect, it } from 'vitest';
import { cli, exitOf } from '../support/cli.js';
import readline from 'node:readline';

const firstLine = (child: ReturnType<typeof cli>) =>
  new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });

describe('psalink sim', () => {
  it.each([
    ['connectwise', '/v4_6_release/apis/3.0', ['--company-id', 'acme', '--public-key', 'pub-key-1']],
    ['autotask', '/ATServicesRest/V1.0', ['--username', 'api@acme.example']],
    ['halo', '', ['--client-secret', 'halo-secret-1']],
  ] as const)('%s prints one JSON line to find it by, serves its control API and stops on SIGTERM', async (psa, basePath, credentialArgs) => {
    const child = cli(['sim', psa, '--port', '0', '--orgs', '3', '--configurations', '7', '--contacts', '5', '--seed', '42', ...credentialArgs], {});
    const announced = JSON.parse(await firstLine(child)) as { psa: string; baseUrl: string; controlUrl: string; credentials: Record<string, string> };
    expect(announced.psa).toBe(psa);
    expect(announced.baseUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${basePath.replace(/\./g, '\\.')}$`));
    expect(Object.values(announced.credentials)).toContain(credentialArgs[1]);
    const state = (await (await fetch(announced.controlUrl)).json()) as { counts: Record<string, number> };
    expect(state.counts).toEqual({ companies: 3, configurations: 7, contacts: 5 });
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('refuses a bad scale with a clear error', async () => {
    const child = cli(['sim', 'connectwise', '--scale', 'huge'], {});
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    expect(await exitOf(child)).toBe(1);
    expect(stderr).toMatch(/--scale must be small, medium or large/);
  });
});
