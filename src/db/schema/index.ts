export * from './enums.js';
export * from './accounts.js';
export * from './lookups.js';
export * from './records.js';
export * from './psa.js';
export * from './audit.js';
export * from './manage.js';
export * from './link-counts.js';
