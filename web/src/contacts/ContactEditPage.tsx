import { ChildEditPage } from '../records/ChildEditPage';
import { contactFormFields } from './contact-fields';

export function ContactEditPage() {
  return <ChildEditPage kind="contacts" fields={contactFormFields} titleOf={(c) => c.fullName} />;
}
