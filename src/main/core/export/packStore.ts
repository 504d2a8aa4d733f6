// Figure packs kept in the workspace as their spec files (<workspace>/packs/<id>.json, written atomically), so
// a pack can be reopened and re-exported after more runs finish, and the stored file is exactly what
// `ouroboros export` takes.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackSummary, StoredPack } from '@shared/contract/figurePackApi';
import { describePackIssues, packSpecSchema, type PackSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import { writeFileAtomic } from '../fs/atomicWrite';

export class PackStore {
  readonly dir: string;

  constructor(workspaceRoot: string) {
    this.dir = join(workspaceRoot, 'packs');
    mkdirSync(this.dir, { recursive: true });
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  async get(id: string): Promise<StoredPack> {
    const text = await readFile(this.file(id), 'utf8').catch(() => {
      throw new WorkbenchError('not-found', `no figure pack "${id}" in this workspace`);
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new WorkbenchError('invalid-input', `${this.file(id)} is not JSON`);
    }
    const parsed = packSpecSchema.safeParse(raw);
    if (!parsed.success) throw new WorkbenchError('invalid-input', `${this.file(id)} is not a valid pack spec: ${describePackIssues(parsed.error)}`);
    return { id, spec: parsed.data };
  }

  async save(id: string | undefined, spec: PackSpec): Promise<StoredPack> {
    const packId = id ?? `pack-${randomBytes(5).toString('hex')}`;
    await writeFileAtomic(this.file(packId), `${JSON.stringify(spec, null, 2)}\n`);
    return { id: packId, spec };
  }

  async list(): Promise<PackSummary[]> {
    const names = (await readdir(this.dir)).filter((n) => /^pack-[a-z0-9]+\.json$/.test(n)).sort();
    const out: PackSummary[] = [];
    for (const name of names) {
      try {
        const { id, spec } = await this.get(name.slice(0, -5));
        out.push({ id, title: spec.title, venue: spec.venue, font: spec.font, figures: spec.figures.length });
      } catch {
        // A hand-edited, broken pack file is skipped in the list; `packs.get` names its problem.
      }
    }
    return out;
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await rm(this.file(id), { force: true });
  }
}
