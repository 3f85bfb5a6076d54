/** "12 / 280", tied to its field with aria-describedby; turns bold with a marker near the limit. */
const NEAR_LIMIT_SHARE = 0.9;

export function CharCounter({ id, used, max, label }: { id: string; used: number; max: number; label: string }) {
  const near = used >= max * NEAR_LIMIT_SHARE;
  return (
    <span id={id} className={`steps-counter${near ? ' steps-counter--near' : ''}`}>
      {label}
    </span>
  );
}
