import { PsaError } from '../../psa/psa-error.js';

/** testConnection's messages: what an administrator should check in Autotask for each kind of failure. */
const advice: Partial<Record<PsaError['errorClass'], string>> = {
  auth: 'Autotask refused the credentials. Check the API user name, its secret and the API integration code (the tracking identifier of the API user), and that the API user is active.',
  permission: 'The Autotask API user may not read this data. Give its security level access to Companies, Configuration Items and Contacts.',
  rate_limited: 'Autotask is limiting requests right now (hourly API budget or thread limit). Try again later.',
};

export function describeFailure(error: unknown): unknown {
  if (!(error instanceof PsaError)) return error;
  const hint = advice[error.errorClass];
  // Zone-lookup failures already carry a specific message (wrong URL, unknown user).
  if (!hint || error.message.startsWith('Autotask could not find') || error.message.startsWith('Autotask\'s hourly')) return error;
  return new PsaError(error.errorClass, `${hint} (${error.message})`, error.details);
}
