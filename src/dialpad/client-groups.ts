/**
 * The department and call-center endpoints of the Dialpad client (`createDialpadClient` composes
 * them): lists, create, rename, delete, operators and skill levels. Writes that are not absolute
 * values re-read on an ambiguous failure (`confirm-groups.ts`).
 */
import type {
  ApiAddCallCenterOperator,
  ApiAddOperator,
  ApiCreateGroup,
  ApiDepartment,
  ApiSkillLevel,
  ApiUser,
  Int64,
} from './api-types.js';
import { confirmCreateGroup, confirmDeleteGroup, confirmOperator } from './confirm-groups.js';
import { CALL_CENTER_SHAPE, DEPARTMENT_SHAPE, SKILL_LEVEL_SHAPE, type RecordShape } from './response-shape.js';
import type { CallSpec } from './transport.js';

/** The API's path segment for a group kind. */
export type GroupPath = 'departments' | 'callcenters';

interface Options {
  label?: string;
}

/** The client's group methods (see `DialpadClient`). */
export interface GroupEndpoints {
  /**
   * Every group of the kind, company-wide (`departments.listall`, `callcenters.listall`); with
   * `nameSearch`, those whose name contains it (`name_search`).
   */
  listGroups(kind: GroupPath, filter?: { nameSearch?: string }): Promise<ApiDepartment[]>;
  getGroup(kind: GroupPath, id: Int64): Promise<ApiDepartment>;
  createGroup(kind: GroupPath, body: ApiCreateGroup, opts?: Options): Promise<ApiDepartment>;
  /** `PATCH` of the name: an absolute value, repeated harmlessly. */
  renameGroup(kind: GroupPath, id: Int64, name: string, opts?: Options): Promise<ApiDepartment>;
  /** `PATCH` of how the group answers (`UpdateDepartmentMessage` / `UpdateCallCenterMessage` fields): absolute values, repeated harmlessly. */
  updateGroup(kind: GroupPath, id: Int64, body: Record<string, unknown>, opts?: Options): Promise<ApiDepartment>;
  deleteGroup(kind: GroupPath, id: Int64, opts?: Options): Promise<unknown>;
  addDepartmentOperator(id: Int64, body: ApiAddOperator, opts?: Options): Promise<unknown>;
  addCallCenterOperator(id: Int64, body: ApiAddCallCenterOperator, opts?: Options): Promise<unknown>;
  /** `DELETE …/operators` with a JSON body (`RemoveOperatorMessage` / `RemoveCallCenterOperatorMessage`). */
  removeOperator(kind: GroupPath, id: Int64, userId: Int64, opts?: Options): Promise<unknown>;
  getOperatorSkill(callCenterId: Int64, userId: Int64): Promise<ApiSkillLevel>;
  /** `PATCH …/skill`: an absolute value, repeated harmlessly. */
  setOperatorSkill(callCenterId: Int64, userId: Int64, skillLevel: number, opts?: Options): Promise<ApiSkillLevel>;
}

/** What the group endpoints need from the client they are part of. */
export interface GroupClientParts {
  send<T>(spec: CallSpec<T>): Promise<T>;
  read<T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T>;
  paginate<T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T[]>;
  /** A write's response record, checked. */
  created<T>(shape: RecordShape<T>, spec: { operation: string; label?: string }, record: unknown): T;
  getUser(id: Int64): Promise<ApiUser>;
}

const shapeOf = (kind: GroupPath): RecordShape<ApiDepartment> => (kind === 'departments' ? DEPARTMENT_SHAPE : CALL_CENTER_SHAPE);
const seg = (v: Int64): string => encodeURIComponent(String(v));
const withLabel = (o: Options | undefined): { label?: string } => (o?.label === undefined ? {} : { label: o.label });

export function createGroupEndpoints(parts: GroupClientParts): GroupEndpoints {
  const { send, read, paginate, created } = parts;
  const endpoints: GroupEndpoints = {
    listGroups: (kind, filter) =>
      paginate(shapeOf(kind), { operation: `${kind}.listall`, path: `/api/v2/${kind}`, query: { name_search: filter?.nameSearch } }),
    getGroup: (kind, id) => read(shapeOf(kind), { operation: `${kind}.get`, path: `/api/v2/${kind}/${seg(id)}` }),
    createGroup: async (kind, body, o) => {
      const spec = { operation: `${kind}.create`, ...withLabel(o) };
      const group = await send<ApiDepartment>({
        ...spec,
        method: 'POST',
        path: `/api/v2/${kind}`,
        body,
        idempotent: false,
        confirm: () => confirmCreateGroup(endpoints, kind, body),
      });
      return created(shapeOf(kind), spec, group);
    },
    renameGroup: (kind, id, name, o) =>
      send({ operation: `${kind}.update`, ...withLabel(o), method: 'PATCH', path: `/api/v2/${kind}/${seg(id)}`, body: { name }, idempotent: true }),
    updateGroup: (kind, id, body, o) =>
      send({ operation: `${kind}.update`, ...withLabel(o), method: 'PATCH', path: `/api/v2/${kind}/${seg(id)}`, body, idempotent: true }),
    deleteGroup: (kind, id, o) =>
      send({
        operation: `${kind}.delete`,
        ...withLabel(o),
        method: 'DELETE',
        path: `/api/v2/${kind}/${seg(id)}`,
        idempotent: false,
        confirm: () => confirmDeleteGroup(endpoints, kind, id),
      }),
    addDepartmentOperator: (id, body, o) =>
      send({
        operation: 'departments.operators.post',
        ...withLabel(o),
        method: 'POST',
        path: `/api/v2/departments/${seg(id)}/operators`,
        body,
        idempotent: false,
        confirm: () => confirmOperator(parts, { groupId: id, userId: body.operator_id, present: true }),
      }),
    addCallCenterOperator: (id, body, o) =>
      send({
        operation: 'callcenters.operators.post',
        ...withLabel(o),
        method: 'POST',
        path: `/api/v2/callcenters/${seg(id)}/operators`,
        body,
        idempotent: false,
        confirm: () => confirmOperator(parts, { groupId: id, userId: body.user_id, present: true }),
      }),
    removeOperator: (kind, id, userId, o) =>
      send({
        operation: `${kind}.operators.delete`,
        ...withLabel(o),
        method: 'DELETE',
        path: `/api/v2/${kind}/${seg(id)}/operators`,
        body: kind === 'departments' ? { operator_id: String(userId), operator_type: 'user' } : { user_id: String(userId) },
        idempotent: false,
        confirm: () => confirmOperator(parts, { groupId: id, userId, present: false }),
      }),
    getOperatorSkill: (callCenterId, userId) =>
      read(SKILL_LEVEL_SHAPE, { operation: 'callcenters.operators.get.skilllevel', path: `/api/v2/callcenters/${seg(callCenterId)}/operators/${seg(userId)}/skill` }),
    setOperatorSkill: (callCenterId, userId, skillLevel, o) =>
      send({
        operation: 'callcenters.operators.skilllevel',
        ...withLabel(o),
        method: 'PATCH',
        path: `/api/v2/callcenters/${seg(callCenterId)}/operators/${seg(userId)}/skill`,
        body: { skill_level: skillLevel },
        idempotent: true,
      }),
  };
  return endpoints;
}
