import { ChildViewPage } from '../records/ChildViewPage';
import { AttachedTo } from '../records/AttachedTo';
import { RecordDetails } from '../records/RecordDetails';
import { KeyIcon } from '../ui/icons';
import { passwordViewFields } from './password-fields';
import { SecretValue } from './SecretValue';

export function PasswordPage() {
  return (
    <ChildViewPage kind="passwords" titleOf={(p) => p.name} icon={<KeyIcon width={22} height={22} />}>
      {(password) => (
        <div className="view-single">
          <RecordDetails
            fields={[{ name: 'secretRow', label: 'Password', wide: true }, ...passwordViewFields]}
            record={password}
            render={{
              secretRow: <SecretValue passwordId={password.id} name={password.name} />,
              attachment: <AttachedTo record={password} />,
            }}
          />
        </div>
      )}
    </ChildViewPage>
  );
}
