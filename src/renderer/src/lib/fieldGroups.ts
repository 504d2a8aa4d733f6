// Lays out a long generated form: fields of prefixed sub-configs ("gan.width", "trainer.length", see
// prefixFields) are gathered into one titled group per prefix, placed where the prefix's first field is.
// Pure, so the grouping is unit-tested without a DOM.

/** Titles of the known sub-config prefixes; an unknown prefix is shown as it is. */
export const groupTitles: Record<string, string> = {
  gan: 'Generator/discriminator (DCGAN)',
  pointGan: 'Point GAN',
  objective: 'GAN objective',
  infoGan: 'InfoGAN (latent codes, Q head)',
  unet: 'Denoising UNet (diffusion)',
  diffusion: 'Diffusion process and sampler',
  guidanceSweep: 'Guidance sweep (after training)',
  classifier: 'Classifier',
  weak: 'Weak model (the supervisor)',
  strong: 'Strong model (student and ceiling)',
  encoder: 'Pretrained encoder (unlabelled autoencoder for the strong model)',
  trainer: 'Trainer',
};

export type FormItem = { type: 'field'; key: string } | { type: 'group'; prefix: string; title: string; keys: string[] };

/** The prefix of a flat key ("gan" for "gan.width"), or null for a top-level field. */
export function prefixOf(key: string): string | null {
  const dot = key.indexOf('.');
  return dot > 0 ? key.slice(0, dot) : null;
}

/** Top-level fields in order, each prefix's fields as one group at the position of its first field. */
export function groupFields(keys: readonly string[]): FormItem[] {
  const items: FormItem[] = [];
  const groups = new Map<string, { type: 'group'; prefix: string; title: string; keys: string[] }>();
  for (const key of keys) {
    const prefix = prefixOf(key);
    if (prefix === null) {
      items.push({ type: 'field', key });
      continue;
    }
    let group = groups.get(prefix);
    if (!group) {
      group = { type: 'group', prefix, title: groupTitles[prefix] ?? prefix, keys: [] };
      groups.set(prefix, group);
      items.push(group);
    }
    group.keys.push(key);
  }
  return items;
}
