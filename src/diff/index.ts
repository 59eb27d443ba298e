export { diffTenant } from './diff-tenant.js';
export { change, type Change, type ChangeKind, type UserField } from './types.js';
