import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { workshopCollectionSchema } from './model/workshop.ts';

/** Workshops are content: one YAML file each in `workshops/`, checked against the shared schema at build time. */
const workshops = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './workshops' }),
  schema: workshopCollectionSchema,
});

export const collections = { workshops };
