/**
 * A soft two-note chime when the projector's timer reaches zero, made with
 * WebAudio (no sound files). Browsers only let a page play sound after someone
 * has touched it, so the first click or key on the projector unlocks it; until
 * then the chime stays silent and the screen's "Time is up" is the signal.
 */
const NOTES_HZ = [659.25, 880] as const;
const NOTE_GAP_S = 0.35;
const NOTE_LENGTH_S = 0.9;
const PEAK_GAIN = 0.15;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return null;
  try {
    context = new window.AudioContext();
  } catch {
    return null;
  }
  return context;
}

/** Lets the chime play later: call once; the first click or key on the page resumes the audio context. */
export function unlockSoundOnFirstGesture(): () => void {
  const unlock = () => {
    void audioContext()
      ?.resume()
      .catch(() => {});
    stop();
  };
  const stop = () => {
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
  return stop;
}

export function playTimeUpChime(): void {
  const audio = audioContext();
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime + 0.05;
  NOTES_HZ.forEach((frequency, i) => {
    const at = start + i * NOTE_GAP_S;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // Fade in and out: a chime, not a beep.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, at + 0.04);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_LENGTH_S);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_LENGTH_S + 0.05);
  });
}
