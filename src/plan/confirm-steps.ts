/**
 * What `dialform confirm STEP…` records (pure): the analytics and proxy steps a plan would show
 * now (`planPermissionChanges` against the confirmations), narrowed to the steps named. A step is
 * named by its id (`grant_analytics`: every user in that bulk step) or by its id and one user
 * (`grant_analytics:ada@acme.com`). Steps Dialpad's API can show (a transfer, a restore) are not
 * confirmed by hand: apply verifies them.
 */
import { DialformError } from '../errors.js';
import { KINDS, OPERATION_KINDS } from './kinds/index.js';
import type { ConfirmedGrant } from '../model/confirmed-grants.js';
import type { DesiredState } from '../model/tenant.js';
import { PERMISSION_EFFECT, planPermissionChanges, type PermissionOperation } from './permission-changes.js';

/** An operator step waiting for confirmation: its id and the users it covers. */
export interface PendingConfirmation {
  step: string;
  emails: string[];
}

/** The operator-confirmed steps pending for `desired`, given the confirmations so far. */
export function listPendingConfirmations(desired: DesiredState, confirmed: readonly ConfirmedGrant[] | undefined): PendingConfirmation[] {
  return groupBySteps(planPermissionChanges(desired, { confirmed }));
}

function groupBySteps(ops: readonly PermissionOperation[]): PendingConfirmation[] {
  const steps = new Map<string, string[]>();
  for (const op of ops) {
    const id = op.step?.id ?? op.kind;
    steps.set(id, [...(steps.get(id) ?? []), op.target.email]);
  }
  return [...steps].map(([step, emails]) => ({ step, emails }));
}

/**
 * The confirmations to add for `names`, each recording the declared value as now in Dialpad.
 * Throws `step_not_confirmable` naming what is pending when a name matches no pending step.
 */
export function confirmSteps(input: { desired: DesiredState; confirmed: readonly ConfirmedGrant[] | undefined; names: readonly string[]; at: Date }): ConfirmedGrant[] {
  const ops = planPermissionChanges(input.desired, { confirmed: input.confirmed });
  const added: ConfirmedGrant[] = [];
  for (const name of input.names) {
    const [stepId = '', email] = splitName(name);
    const matched = ops.filter((op) => op.step?.id === stepId && (email === undefined || op.target.email.toLowerCase() === email));
    if (matched.length === 0) throw notConfirmable(name, stepId, groupBySteps(ops));
    for (const op of matched) added.push(toConfirmation(op, input.at));
  }
  return added;
}

function splitName(name: string): [string, string | undefined] {
  const colon = name.indexOf(':');
  return colon < 0 ? [name, undefined] : [name.slice(0, colon), name.slice(colon + 1).toLowerCase()];
}

function toConfirmation(op: PermissionOperation, at: Date): ConfirmedGrant {
  return { email: op.target.email.toLowerCase(), ...PERMISSION_EFFECT[op.kind], step: op.kind, at: at.toISOString() };
}

function notConfirmable(name: string, stepId: string, pending: PendingConfirmation[]): DialformError {
  const listed = pending.length === 0 ? 'Nothing is waiting for confirmation.' : `Waiting for confirmation: ${pending.map((p) => `${p.step} (${p.emails.join(', ')})`).join('; ')}.`;
  const why = isApiVerified(stepId)
    ? `${stepId} is verified through Dialpad's API: do it in Dialpad and run apply, which checks it.`
    : `${name} is not a step waiting for confirmation in this config.`;
  return new DialformError('step_not_confirmable', `Cannot confirm ${name}: ${why} ${listed}`);
}

/** Whether a step id's kind is a manual step Dialpad's API shows done (its entry's `manual`). */
function isApiVerified(stepId: string): boolean {
  const kind = OPERATION_KINDS.find((k) => k === stepId);
  const manual = kind === undefined ? false : KINDS[kind].manual;
  return manual !== false && manual.verifiedBy === 'api';
}
