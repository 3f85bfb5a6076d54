import type { wallEn } from './wall.en.ts';

export const wallDa = {
  'done.button': 'Jeg er færdig',
  'done.on': 'Du har meldt, at du er færdig. Tryk igen for at trække det tilbage.',
  'done.off': 'Tryk, når du er færdig med dette trin, så facilitatoren ved det.',
  'done.announceOn': 'Meldt færdig.',
  'done.announceOff': 'Ikke længere meldt færdig.',
  'done.count': '{count} af {total} er færdige',
  'done.title': 'Færdige',
  'done.nobody': 'Ingen har meldt sig færdige endnu.',
  'done.namesLabel': 'Hvem er færdige',
  'spotlight.show': 'Vis på væggen',
  'spotlight.showNamed': 'Vis på væggen: »{text}«',
  'spotlight.onWall': 'På væggen nu',
  'spotlight.back': 'Tilbage til tavlen',
  'spotlight.title': 'Spotlys',
  'spotlight.current': 'Væggen viser:',
  'spotlight.none': 'Væggen viser hele tavlen. “Vis på væggen” ved et bidrag sætter det op i stort format.',
  'spotlight.announce': 'På væggen nu: {text}',
  'spotlight.announceBack': 'Væggen viser hele tavlen igen.',
  'spotlight.wallLabel': 'I fokus',
  'spotlight.unnamedGroup': 'En gruppe uden navn',
} satisfies Record<keyof typeof wallEn, string>;
