import { ChildEditPage } from '../records/ChildEditPage';
import { configurationFormFields } from './configuration-fields';

export function ConfigurationEditPage() {
  return <ChildEditPage kind="configurations" fields={configurationFormFields} titleOf={(c) => c.name} />;
}
