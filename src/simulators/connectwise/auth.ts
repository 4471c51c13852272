import type { FastifyRequest } from 'fastify';
import { CwApiError } from './errors.js';

export interface CwCredentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

/**
 * ConnectWise API-member authentication: `Authorization: Basic base64(companyId+publicKey:privateKey)` plus the
 * `clientId` header that identifies the integration. The company id is matched without case (it is the login
 * company); keys and client id exactly.
 */
export function authenticate(request: FastifyRequest, credentials: CwCredentials): CwApiError | undefined {
  const clientId = request.headers.clientid;
  if (typeof clientId !== 'string' || clientId.trim() === '') {
    return new CwApiError(401, 'Unauthorized', 'A clientId header is required. Register an integration at developer.connectwise.com to get one.');
  }
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !/^basic\s+/i.test(header)) {
    return new CwApiError(401, 'Unauthorized', 'Authorization has been denied for this request.');
  }
  const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const plus = decoded.indexOf('+');
  const valid =
    colon > 0 &&
    plus > 0 &&
    plus < colon &&
    decoded.slice(0, plus).toLowerCase() === credentials.companyId.toLowerCase() &&
    decoded.slice(plus + 1, colon) === credentials.publicKey &&
    decoded.slice(colon + 1) === credentials.privateKey;
  if (!valid) return new CwApiError(401, 'Unauthorized', 'Authorization has been denied for this request.');
  if (clientId !== credentials.clientId) return new CwApiError(401, 'Unauthorized', 'The clientId is not valid for this integration.');
  return undefined;
}
