import type { Command } from 'commander';
import { simulatorModules } from '../simulators/registry.js';
import { startSimulator } from '../simulators/server.js';
import { scales, type Scale } from '../simulators/world/types.js';
import { AppError } from '../shared/errors.js';

interface SimOptions {
  port: string;
  host: string;
  seed: string;
  scale?: keyof typeof scales;
  orgs?: string;
  configurations?: string;
  contacts?: string;
  [credential: string]: string | undefined;
}

const count = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number.parseInt(value, 10));

/** `psalink sim connectwise|autotask|halo`: a simulated PSA until SIGINT/SIGTERM; line 1 of stdout is its JSON. */
export function registerSimCommand(program: Command) {
  const sim = program.command('sim').description('Run a simulated PSA API over generated data (for demos, tests and benchmarks)');
  for (const module of Object.values(simulatorModules)) {
    const command = sim
      .command(module.psa)
      .description(`Simulated ${module.psa} API`)
      .option('--port <port>', 'port to listen on (0 = any free port)', '0')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--seed <seed>', 'seed of the generated data', '1')
      .option('--scale <scale>', 'small | medium | large (about 50/2k/800, 1k/30k/12k, 10k/300k/100k)')
      .option('--orgs <n>', 'number of organizations (overrides --scale)')
      .option('--configurations <n>', 'number of configurations (overrides --scale)')
      .option('--contacts <n>', 'number of contacts (overrides --scale)');
    for (const option of module.credentialOptions) command.option(`${option.flag} <value>`, option.description, option.default);
    command.action(async (options: SimOptions) => {
      const base = scales[options.scale ?? 'small'];
      if (!base) throw new AppError('validation_failed', '--scale must be small, medium or large.');
      const scale: Scale = {
        orgs: count(options.orgs, base.orgs),
        configurations: count(options.configurations, base.configurations),
        contacts: count(options.contacts, base.contacts),
      };
      if (Object.values(scale).some((n) => !Number.isInteger(n) || n < 1)) {
        throw new AppError('validation_failed', '--orgs, --configurations and --contacts must be positive integers.');
      }
      const credentials = Object.fromEntries(
        module.credentialOptions.map((o) => [o.key, options[camel(o.flag)] ?? o.default]),
      );
      const running = await startSimulator(module, { host: options.host, port: Number(options.port), seed: Number(options.seed), scale, credentials });
      console.log(JSON.stringify({ psa: module.psa, baseUrl: running.baseUrl, credentials: running.credentials, controlUrl: running.controlUrl }));
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}

/** commander's property name for a flag: --public-key → publicKey. */
const camel = (flag: string) => flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
