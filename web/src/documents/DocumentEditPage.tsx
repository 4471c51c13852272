import { ChildEditPage } from '../records/ChildEditPage';
import { documentFormFields } from './document-fields';

export function DocumentEditPage() {
  return <ChildEditPage kind="documents" fields={documentFormFields} titleOf={(d) => d.title} />;
}
