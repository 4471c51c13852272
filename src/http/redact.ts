/** Never logged, whatever the level: credentials arrive in these headers and bodies. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'body.password',
  'body.secret',
  'body.credentials',
];
