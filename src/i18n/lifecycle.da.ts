import type { lifecycleEn } from './lifecycle.en.ts';

export const lifecycleDa = {
  'lifecycle.title': 'Rummets data',
  'lifecycle.deletesAt': 'Hvis ingen åbner rummet igen, slettes det med alt indhold den {date}.',
  'lifecycle.recoveredTitle': 'En del af rummet var beskadiget på disken',
  'lifecycle.recovered': '{doc}: indlæst fra {source}.',
  'lifecycle.recoveredHint': 'Tjek at rummet indeholder det, du forventer; det, der ikke kunne læses, er tabt.',
  'lifecycle.delete': 'Slet dette rum…',
  'lifecycle.deleteQuestion':
    'Slet rummet og alt i det – navne, tekster, stemmer og historik – for alle? Det kan ikke fortrydes.',
  'lifecycle.deleteConfirm': 'Ja, slet rummet for altid',
  'lifecycle.deleteCancel': 'Behold rummet',
  'lifecycle.deleting': 'Sletter…',
  'lifecycle.deleteFailed': 'Rummet kunne ikke slettes. Prøv igen.',
  'lifecycle.deletedTitle': 'Rummet er slettet',
  'lifecycle.deletedBody': 'Alt indhold er fjernet fra serveren, og rummets links virker ikke længere.',
  'lifecycle.deletedHome': 'Gå til forsiden',
} satisfies Record<keyof typeof lifecycleEn, string>;
