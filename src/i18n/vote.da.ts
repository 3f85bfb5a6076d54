import type { voteEn } from './vote.en.ts';

export const voteDa = {
  'vote.rules': 'I har {budget} prikker hver. Højst {perItem} på det samme.',
  'vote.keepTop': 'De {count} øverste bliver den valgte liste.',
  'vote.left': '{left} af {budget} prikker tilbage',
  'vote.locked': 'Afstemningen er lukket lige nu.',
  'vote.noSeat':
    'Denne enhed har ingen plads i rummet endnu, så du kan ikke stemme. Genindlæs siden for at prøve igen.',
  'vote.votersOne': '{count} person har stemt.',
  'vote.votersOther': '{count} personer har stemt.',
  'vote.hiddenUntilReveal': 'Resultatet er skjult, indtil facilitatoren viser det.',
  'vote.yourDots': 'Sæt dine prikker',
  'vote.items': 'Det stemmes om',
  'vote.give': 'Giv en prik til: »{text}«',
  'vote.take': 'Tag en prik fra: »{text}«',
  'vote.mine': 'Dine prikker: {count}',
  'vote.announceGiven': 'Prik givet til »{text}«. {left} tilbage.',
  'vote.announceTaken': 'Prik taget fra »{text}«. {left} tilbage.',
  'vote.noItems': 'Der er ikke noget at stemme om endnu: tilføj først noget i »{source}«.',
  'vote.resultTitle': 'Resultatet',
  'vote.rank': 'Nr. {rank}',
  'vote.dotsOne': '{count} prik',
  'vote.dotsOther': '{count} prikker',
  'vote.chosen': 'Valgt',
} satisfies Record<keyof typeof voteEn, string>;
