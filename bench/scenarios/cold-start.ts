import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, printTable, root, stats, type Stats } from '../support.js';

/** Time from starting the built `psalink serve` on a fresh PGlite folder to its first healthy /api/health. */
async function startToHealthy(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/psalink.js'), 'serve'], {
    env: { ...process.env, PSALINK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PSALINK_DEMO_PASSWORD: 'bench-password-1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null) throw new Error('psalink serve exited during start-up');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchColdStart(options: { repetitions: number }) {
  if (!fs.existsSync(path.join(root, 'dist/cli/main.js'))) throw new Error('Run npm run build first: the cold start measures the built server');
  const first: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < options.repetitions; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-bench-start-'));
    try {
      first.push(await startToHealthy(dataDir, 39_000 + i));
      restart.push(await startToHealthy(dataDir, 39_100 + i));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const result: { firstStart: Stats; restart: Stats } = { firstStart: stats(first), restart: stats(restart) };
  const row = (label: string, s: Stats) => [label, fmt(s.median, 2), fmt(s.min, 2), fmt(s.max, 2)];
  printTable('Cold start of psalink serve on PGlite to a healthy /api/health (seconds)', ['start', 'median', 'min', 'max'], [
    row('first start (migrate + demo seed)', result.firstStart),
    row('restart (existing data)', result.restart),
  ]);
  return result;
}
