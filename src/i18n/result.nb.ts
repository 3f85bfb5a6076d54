import type { resultEn } from './result.en.ts';

export const resultNb = {
  'result.team': 'Team: {name}',
  'result.nothingAgreed': 'Ingenting er vedtatt ennå. Det gruppen blir enig om, vises her, direkte.',
  'result.pending': 'Ingenting her ennå.',
  'result.dots': '{count} prikker',
  'result.dots.one': '1 prikk',
  'result.groupSize': '{count} lapper',
  'result.groupSize.one': '1 lapp',
  'result.notesCount': '{count} lapper',
  'result.notesCount.one': '1 lapp',

  'team.title': 'Team og plakat',
  'team.label': 'Navnet på teamet',
  'team.hint': 'Vises på plakaten og i alle eksporter. Høyst {max} tegn.',

  'poster.title': 'Plakat til veggen',
  'poster.hint':
    'Det vedtatte resultatet satt stort, med navnet på teamet og datoen. Åpnes i en ny fane, klar til utskrift.',
  'poster.a4': 'Plakat (A4)',
  'poster.a3': 'Plakat (A3)',
  'poster.screen': 'Plakat på skjermen',
  'poster.print': 'Skriv ut',
  'poster.docTitle': 'Plakat: {title}',
  'poster.toolbar': 'Valg for plakaten',
  'poster.formats': 'Størrelse',
  'poster.formatA4': 'A4',
  'poster.formatA3': 'A3',
  'poster.formatScreen': 'Skjerm',
  'poster.printHint':
    'Skriv ut i stående format med marger satt til «Ingen» eller «Standard»; plakaten fyller én side.',
  'poster.agreedOn': 'Vedtatt {date}',
  'poster.draftOn': 'Utkast fra {date}',
  'poster.notAgreed': 'Ikke vedtatt ennå',
  'poster.more': '… og {count} til i eksporten',
  'poster.more.one': '… og 1 til i eksporten',
  'poster.nothingTitle': 'Det er ingenting å sette på en plakat ennå',
  'poster.nothingBody':
    'Plakaten viser det gruppen har vedtatt. Når en setning, en definisjon eller en liste er skrevet, vises den her.',
  'poster.unknownTitle': 'Det resultatet finnes ikke',
  'poster.unknownBody':
    'Workshopen har ikke noe resultat fra steget «{step}». Plakaten med rommets viktigste resultat er her:',
  'poster.formatTitle': 'Den plakatstørrelsen finnes ikke',
  'poster.formatBody': 'En plakat finnes i disse størrelsene: {formats}.',
  'poster.mainResult': 'Åpne hovedplakaten',
  'poster.madeWith': 'Laget med Ledestjerne',
} satisfies Record<keyof typeof resultEn, string>;
