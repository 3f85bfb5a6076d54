import type { wallEn } from './wall.en.ts';

export const wallNb = {
  'done.button': 'Jeg er ferdig',
  'done.on': 'Du har sagt at du er ferdig. Trykk igjen for å trekke det tilbake.',
  'done.off': 'Trykk når du er ferdig med dette steget, så fasilitatoren vet det.',
  'done.announceOn': 'Meldt ferdig.',
  'done.announceOff': 'Ikke lenger meldt ferdig.',
  'done.count': '{count} av {total} er ferdige',
  'done.title': 'Ferdige',
  'done.nobody': 'Ingen har meldt seg ferdige ennå.',
  'done.namesLabel': 'Hvem er ferdige',
  'spotlight.show': 'Vis på veggen',
  'spotlight.showNamed': 'Vis på veggen: «{text}»',
  'spotlight.onWall': 'På veggen nå',
  'spotlight.back': 'Tilbake til tavla',
  'spotlight.title': 'Spotlys',
  'spotlight.current': 'Veggen viser:',
  'spotlight.none': 'Veggen viser hele tavla. «Vis på veggen» ved et bidrag setter det opp i stort format.',
  'spotlight.announce': 'På veggen nå: {text}',
  'spotlight.announceBack': 'Veggen viser hele tavla igjen.',
  'spotlight.wallLabel': 'I fokus',
  'spotlight.unnamedGroup': 'En gruppe uten navn',
} satisfies Record<keyof typeof wallEn, string>;
