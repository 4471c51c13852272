import { Field } from '../connect/ConnectionFields';
import type { SettingsDraft } from './use-settings-draft';

type DraftText = SettingsDraft['text'];

interface NumberFieldProps {
  id: string;
  label: string;
  hint: string;
  unit: string;
  draft: SettingsDraft;
  name: keyof DraftText & keyof SettingsDraft['errors'];
  min: number;
  max?: number;
  step: number;
}

/** A number input with its unit after it, bound to one field of the settings draft. */
function NumberField({ id, label, hint, unit, draft, name, min, max, step }: NumberFieldProps) {
  const error = draft.errors[name];
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <span className="input-with-unit">
        <input
          id={id}
          type="number"
          min={min}
          max={max}
          step={step}
          value={draft.text[name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => draft.setText({ [name]: e.target.value } as Partial<DraftText>)}
        />
        <span className="input-unit">{unit}</span>
      </span>
    </Field>
  );
}

/** How often the sync runs, and the safety brake that holds a run about to orphan too much. */
export function ScheduleCard({ draft }: { draft: SettingsDraft }) {
  return (
    <section className="card" aria-labelledby="schedule-title">
      <div className="card-header">
        <h3 className="card-title" id="schedule-title">
          Schedule and safety brake
        </h3>
      </div>
      <div className="card-pad schedule-grid">
        <NumberField id="schedule-minutes" label="Sync every" hint="Minutes between scheduled runs (5 to 1440)." unit="minutes" draft={draft} name="scheduleMinutes" min={5} max={1440} step={1} />
        <NumberField id="brake-share" label="Hold a run that would orphan more than" hint="Of the records of a kind that are synced now." unit="%" draft={draft} name="maxSharePercent" min={0} max={100} step={0.1} />
        <NumberField id="brake-min" label="…and at least" hint="Small changes never stop a run." unit="records" draft={draft} name="minCount" min={0} step={1} />
      </div>
    </section>
  );
}
