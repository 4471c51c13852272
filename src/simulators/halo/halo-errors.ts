import type { FastifyReply } from 'fastify';

/**
 * Halo's API is ASP.NET: a refused bearer token is a bare 401 with a `WWW-Authenticate` header and no body, and other
 * failures carry a serialized .NET exception (`ClassName`, `Message`), the shape Halo's own tooling parses.
 */
export function haloErrorBody(status: number, message: string): unknown {
  if (status === 401) return '';
  return { ClassName: 'System.Exception', Message: message };
}

export function sendHaloError(reply: FastifyReply, status: number, message: string) {
  return reply.status(status).send(haloErrorBody(status, message));
}

/** A missing, unknown or expired bearer token, as ASP.NET's JWT bearer handler answers it. */
export function sendUnauthorized(reply: FastifyReply, expiredAt?: Date) {
  const challenge = expiredAt
    ? `Bearer error="invalid_token", error_description="The token expired at '${expiredAt.toISOString()}'"`
    : 'Bearer';
  return reply.status(401).header('www-authenticate', challenge).send('');
}
