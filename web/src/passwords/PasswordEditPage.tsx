import { ChildEditPage } from '../records/ChildEditPage';
import { passwordFields } from './password-fields';

export function PasswordEditPage() {
  return <ChildEditPage kind="passwords" fields={passwordFields} titleOf={(p) => p.name} />;
}
