import { Field } from '../connect/ConnectionFields';
import type { SettingsDraft } from './use-settings-draft';

/** How often the sync runs, and the safety brake that holds a run about to orphan too much. */
export function ScheduleCard({ draft }: { draft: SettingsDraft }) {
  const { text, errors } = draft;
  return (
    <section className="card" aria-labelledby="schedule-title">
      <div className="card-header">
        <h3 className="card-title" id="schedule-title">
          Schedule and safety brake
        </h3>
      </div>
      <div className="card-pad schedule-grid">
        <Field id="schedule-minutes" label="Sync every" error={errors.scheduleMinutes} hint="Minutes between scheduled runs (5 to 1440).">
          <span className="input-with-unit">
            <input
              id="schedule-minutes"
              type="number"
              min={5}
              max={1440}
              step={1}
              value={text.scheduleMinutes}
              aria-invalid={errors.scheduleMinutes ? true : undefined}
              aria-describedby="schedule-minutes-hint"
              onChange={(e) => draft.setText({ scheduleMinutes: e.target.value })}
            />
            <span className="input-unit">minutes</span>
          </span>
        </Field>
        <Field id="brake-share" label="Hold a run that would orphan more than" error={errors.maxSharePercent} hint="Of the records of a kind that are synced now.">
          <span className="input-with-unit">
            <input
              id="brake-share"
              type="number"
              min={0}
              max={100}
              step={0.1}
              value={text.maxSharePercent}
              aria-invalid={errors.maxSharePercent ? true : undefined}
              aria-describedby="brake-share-hint"
              onChange={(e) => draft.setText({ maxSharePercent: e.target.value })}
            />
            <span className="input-unit">%</span>
          </span>
        </Field>
        <Field id="brake-min" label="…and at least" error={errors.minCount} hint="Small changes never stop a run.">
          <span className="input-with-unit">
            <input
              id="brake-min"
              type="number"
              min={0}
              step={1}
              value={text.minCount}
              aria-invalid={errors.minCount ? true : undefined}
              aria-describedby="brake-min-hint"
              onChange={(e) => draft.setText({ minCount: e.target.value })}
            />
            <span className="input-unit">records</span>
          </span>
        </Field>
      </div>
    </section>
  );
}
