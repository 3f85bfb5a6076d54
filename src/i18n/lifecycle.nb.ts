import type { lifecycleEn } from './lifecycle.en.ts';

export const lifecycleNb = {
  'lifecycle.title': 'Rommets data',
  'lifecycle.deletesAt': 'Hvis ingen åpner rommet igjen, slettes det med alt innhold {date}.',
  'lifecycle.recoveredTitle': 'En del av rommet var skadet på disken',
  'lifecycle.recovered': '{doc}: lastet fra {source}.',
  'lifecycle.recoveredHint': 'Sjekk at rommet inneholder det du venter; det som ikke kunne leses, er tapt.',
  'lifecycle.delete': 'Slett dette rommet…',
  'lifecycle.deleteQuestion':
    'Slette rommet og alt i det – navn, tekster, stemmer og historikk – for alle? Det kan ikke angres.',
  'lifecycle.deleteConfirm': 'Ja, slett rommet for godt',
  'lifecycle.deleteCancel': 'Behold rommet',
  'lifecycle.deleting': 'Sletter…',
  'lifecycle.deleteFailed': 'Rommet kunne ikke slettes. Prøv igjen.',
  'lifecycle.deletedTitle': 'Rommet er slettet',
  'lifecycle.deletedBody': 'Alt innhold er fjernet fra serveren, og lenkene til rommet virker ikke lenger.',
  'lifecycle.deletedHome': 'Gå til forsiden',
} satisfies Record<keyof typeof lifecycleEn, string>;
