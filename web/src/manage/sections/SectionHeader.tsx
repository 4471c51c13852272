/** The title, total and one-line explanation at the top of each Manage Data section. */
export function SectionHeader({ title, text, total }: { title: string; text: string; total: number }) {
  return (
    <div className="card-header manage-section-header">
      <div>
        <h2 className="card-title">
          {title} <span className="count-pill">{total.toLocaleString()}</span>
        </h2>
        <p className="muted small">{text}</p>
      </div>
    </div>
  );
}
