/**
 * Apply's check of each write against the plan's prediction (docs/fidelity.md): the answer Dialpad
 * gives a write is compared with what the simulation says the write does. A difference is a
 * *surprise*: one of dialform's readings of Dialpad is wrong, so apply stops before the next write
 * rather than carry on from a company that is not the one it planned for. Only answers the writes
 * get anyway are compared: the check makes no request of its own.
 */
import { countryOfNumber } from '../model/countries.js';
import type { Operation } from '../plan/types.js';
import type { ApplyApi, UserAnswer } from './types.js';

/** One write apply made for an operation, and Dialpad's answer to it. */
export interface WriteAnswer {
  /** The `ApplyApi` method. */
  call: 'createUser' | 'updateUser' | 'moveUser' | 'setUserOffice' | 'assignChosenNumber';
  /** What it was called with (ids and the body in dialform's terms; never a header, never the key). */
  arguments: unknown[];
  answer: UserAnswer | string | void;
}

/** A write whose answer differs from the plan's prediction. */
export interface Surprise {
  /** The operation as the plan has it. */
  operation: Operation;
  /** What differs: `state`, `license`, `office`, `number country`. */
  field: string;
  /** What Dialpad did (`did`) and what the plan predicted (`predicted`), as the message words them. */
  did: string;
  predicted: string;
  /** "Dialpad did X where the plan predicted Y", naming the operation. */
  message: string;
  /** The write that got the surprising answer, and the answer. */
  request: Omit<WriteAnswer, 'answer'>;
  answer: WriteAnswer['answer'];
  /** The anchor of docs/fidelity.md's table whose reading this contradicts. */
  assumption: string;
}

/**
 * `api`, with each write that answers something apply can compare recorded in `answers` (in the
 * order answered). The watched api sends exactly the requests `api` would.
 */
export function watchAnswers(api: ApplyApi): { api: ApplyApi; answers: WriteAnswer[] } {
  const answers: WriteAnswer[] = [];
  const watch =
    <A extends unknown[], R extends WriteAnswer['answer']>(call: WriteAnswer['call'], write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const answer = await write(...args);
      answers.push({ call, arguments: args, answer });
      return answer;
    };
  const created = async (input: Parameters<ApplyApi['createUser']>[0]) => {
    const result = await api.createUser(input);
    answers.push({ call: 'createUser', arguments: [input], answer: result.answer });
    return result;
  };
  // Delegates everything else to `api` (a class instance's methods included).
  const watched: ApplyApi = Object.assign(Object.create(api) as ApplyApi, {
    createUser: created,
    updateUser: watch('updateUser', (id: string, patch: Parameters<ApplyApi['updateUser']>[1]) => api.updateUser(id, patch)),
    moveUser: watch('moveUser', (id: string, officeId: string) => api.moveUser(id, officeId)),
    setUserOffice: watch('setUserOffice', (id: string, officeId: string) => api.setUserOffice(id, officeId)),
    assignChosenNumber: watch('assignChosenNumber', (userId: string, heldBefore: readonly string[]) => api.assignChosenNumber(userId, heldBefore)),
  });
  return { api: watched, answers };
}

/** The first of `answers` (the writes of `op`, which succeeded) that differs from what the plan predicted `op` does. */
export function findSurprise(op: Operation, answers: readonly WriteAnswer[]): Surprise | undefined {
  const surprise = (write: WriteAnswer, field: string, did: string, predicted: string, assumption: string): Surprise => ({
    operation: op,
    field,
    did,
    predicted,
    message: `${op.id} (${op.summary}): Dialpad did ${did} where the plan predicted ${predicted}`,
    request: { call: write.call, arguments: write.arguments },
    answer: write.answer,
    assumption,
  });
  const userAnswers = answers.filter((a): a is WriteAnswer & { answer: UserAnswer } => typeof a.answer === 'object' && a.answer !== null);
  switch (op.kind) {
    case 'create_user': {
      const write = userAnswers.find((a) => a.call === 'createUser');
      const officeId = (write?.arguments[0] as { officeId?: string } | undefined)?.officeId;
      if (write?.answer.license !== undefined && write.answer.license !== op.license) {
        return surprise(write, 'license', `create the user with the license ${write.answer.license}`, `the license ${op.license}`, 'the-company-offices-and-licenses');
      }
      if (write?.answer.officeId !== undefined && write.answer.officeId !== officeId) {
        return surprise(write, 'office', `create the user in office ${write.answer.officeId}`, `office ${String(officeId)} (${op.office.name})`, 'users');
      }
      return undefined;
    }
    case 'update_user': {
      const license = op.patch.license;
      if (license === undefined) return undefined;
      const write = userAnswers.find((a) => a.answer.license !== undefined && a.answer.license !== license);
      return write && surprise(write, 'license', `leave the license ${write.answer.license}`, `the license ${license}`, 'the-company-offices-and-licenses');
    }
    case 'suspend_user':
    case 'reactivate_user': {
      const state = op.kind === 'suspend_user' ? 'suspended' : 'active';
      const write = userAnswers.find((a) => a.answer.state !== undefined && a.answer.state !== state);
      return write && surprise(write, 'state', `leave the user ${write.answer.state}`, `the user ${state}`, 'users');
    }
    case 'move_user': {
      // The office each move write asked for is the second argument (`moveUser`, `setUserOffice`).
      const moved = userAnswers.find((a) => a.call !== 'updateUser' && a.answer.officeId !== undefined && a.answer.officeId !== String(a.arguments[1]));
      if (moved) return surprise(moved, 'office', `put the user in office ${moved.answer.officeId}`, `office ${String(moved.arguments[1])} (${op.to.name})`, 'users');
      const wanted = op.new_number;
      if (wanted === undefined) return undefined;
      // The number kept is the last one chosen (earlier ones were excluded numbers, given back).
      const chosen = answers.filter((a) => a.call === 'assignChosenNumber' && typeof a.answer === 'string').at(-1);
      const country = typeof chosen?.answer === 'string' ? countryOfNumber(chosen.answer) : undefined;
      if (chosen === undefined || country === wanted.country) return undefined;
      return surprise(chosen, 'number country', `choose ${String(chosen.answer)} (${country ?? 'no known country'})`, `a number of ${wanted.country}`, 'numbers-and-the-reserved-pool');
    }
    default:
      return undefined;
  }
}
