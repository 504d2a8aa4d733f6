// Figure ids name files (figures/<id>/<id>.pdf) and LaTeX labels, so they must be slugs and unique in a pack.
// One helper for the default pack (core) and the app's *Add to figure pack* (renderer).

/** A file-name-safe slug of `text` (lower-case letters, digits, dashes; at most 40 characters). */
export function figureSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'figure';
}

/** `figureSlug(base)`, or with `-2`, `-3`, … appended until it is not in `taken`. */
export function uniqueFigureId(base: string, taken: ReadonlySet<string>): string {
  const slug = figureSlug(base);
  let id = slug;
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
  return id;
}
