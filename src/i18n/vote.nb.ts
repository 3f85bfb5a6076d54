import type { voteEn } from './vote.en.ts';

export const voteNb = {
  'vote.rules': 'Dere har {budget} prikker hver. Maks {perItem} på det samme.',
  'vote.keepTop': 'De {count} øverste blir den valgte listen.',
  'vote.left': '{left} av {budget} prikker igjen',
  'vote.locked': 'Avstemningen er stengt nå.',
  'vote.noSeat':
    'Denne enheten har ingen plass i rommet ennå, så du kan ikke stemme. Last inn siden på nytt for å prøve igjen.',
  'vote.votersOne': '{count} person har stemt.',
  'vote.votersOther': '{count} personer har stemt.',
  'vote.hiddenUntilReveal': 'Resultatet er skjult til fasilitatoren viser det.',
  'vote.yourDots': 'Sett prikkene dine',
  'vote.items': 'Det stemmes over',
  'vote.give': 'Gi en prikk til: «{text}»',
  'vote.take': 'Ta en prikk fra: «{text}»',
  'vote.mine': 'Dine prikker: {count}',
  'vote.announceGiven': 'Prikk gitt til «{text}». {left} igjen.',
  'vote.announceTaken': 'Prikk tatt fra «{text}». {left} igjen.',
  'vote.noItems': 'Det er ingenting å stemme over ennå: legg først til noe i «{source}».',
  'vote.resultTitle': 'Resultatet',
  'vote.rank': 'Nr. {rank}',
  'vote.dotsOne': '{count} prikk',
  'vote.dotsOther': '{count} prikker',
  'vote.chosen': 'Valgt',
} satisfies Record<keyof typeof voteEn, string>;
