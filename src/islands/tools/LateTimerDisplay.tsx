import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps } from 'react';
import { useShared } from '../../sync/hooks.ts';

// Most steps run without a timer, so a phone loads the display (with the server clock and the
// countdown logic) only once the facilitator sets one: a few KB off every participant's first load.
const TimerDisplay = lazy(() => import('./TimerDisplay.tsx').then((m) => ({ default: m.TimerDisplay })));

type Props = Omit<ComponentProps<typeof TimerDisplay>, 'seenBefore'>;

/**
 * The room timer on a participant's page, loaded when the room first has one. A page that was
 * here before the timer was set tells the display so: it then announces the start (or the end)
 * it finds on loading, which a freshly opened page would keep quiet about.
 */
export function LateTimerDisplay(props: Props) {
  const control = props.connection?.control;
  const hasTimer = useShared([control?.timerMap()], () => (control ? control.timerMap().size > 0 : false));
  // Decided once, on the first render with the room's documents: was a timer already set then?
  const arrivedWithTimer = useRef<boolean | null>(null);
  if (arrivedWithTimer.current === null && control) arrivedWithTimer.current = hasTimer;
  // Once loaded it stays, even when the timer is cleared, so its phase history is kept.
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (hasTimer) setWanted(true);
  }, [hasTimer]);

  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <TimerDisplay {...props} seenBefore={arrivedWithTimer.current ? null : 'unset'} />
    </Suspense>
  );
}
