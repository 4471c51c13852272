import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../module.js';
import type { SimLookup } from '../world/types.js';
import type { Authorize } from './halo-api.routes.js';
import { assetFields } from './halo-assets.js';
import { colourOf } from './halo-entity.js';
import { sendHaloError } from './halo-errors.js';

const assetGroups = [
  { id: 1, name: 'Servers', pattern: /server|virtual|nas/i },
  { id: 2, name: 'Network', pattern: /firewall|switch|router|wireless/i },
  { id: 3, name: 'End User Devices', pattern: /workstation|laptop|mobile|printer/i },
  { id: 4, name: 'Infrastructure', pattern: /./ },
];

/** An asset type (`Xtype`) with the simulator's key fields. */
function assetTypeJson(type: SimLookup) {
  const group = assetGroups.find((g) => g.pattern.test(type.name))!;
  const [key1, key2, key3] = assetFields;
  return {
    id: type.id,
    name: type.name,
    assetgroup_id: group.id,
    assetgroup_name: group.name,
    keyfield_id: key1.id,
    keyfield_name: key1.name,
    keyfield2_id: key2.id,
    keyfield2_name: key2.name,
    keyfield3_id: key3.id,
    keyfield3_name: key3.name,
    show_to_users: true,
    allowall_status: true,
    linkedcontracttype: 0,
    tagprefix: 'AT-',
  };
}

/**
 * Lookups: `/api/AssetType` (configuration types, a plain array as Halo answers it), `/api/Status?type=asset` (asset
 * statuses) and `/api/TopLevel` (the top levels clients sit under).
 */
export function registerHaloLookupRoutes(api: FastifyInstance, ctx: SimContext, authorize: Authorize) {
  const { lookups } = ctx.world;

  api.get('/AssetType', async (request, reply) => {
    if (!authorize(request, reply, 'assets', false)) return reply;
    return lookups.configurationTypes.map(assetTypeJson);
  });

  api.get('/AssetType/:id', async (request, reply) => {
    if (!authorize(request, reply, 'assets', false)) return reply;
    const type = lookups.configurationTypes.find((t) => String(t.id) === (request.params as { id: string }).id);
    return type ? assetTypeJson(type) : sendHaloError(reply, 404, 'AssetType not found.');
  });

  api.get('/Status', async (request, reply) => {
    if (!authorize(request, reply, 'assets', false)) return reply;
    const { type } = request.query as { type?: string };
    if ((type ?? '').toLowerCase() !== 'asset') return [];
    return lookups.configurationStatuses.map((s) => ({ id: s.id, name: s.name, colour: colourOf(s.id), type: 'asset' }));
  });

  api.get('/TopLevel', async (request, reply) => {
    if (!authorize(request, reply, 'customers', false)) return reply;
    return lookups.companyTypes.map((t) => ({ id: t.id, name: t.name }));
  });
}
