// The serve-mode upload helper with a fake fetch: one PUT per file with the encoded relative path and the
// Bearer token, File bodies passed through untouched (the browser streams them), progress naming the file
// on its way, the import target (single file / shared top folder / the upload folder), and a refused file
// failing with the server's message and discarding the upload.
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { createUploader, encodeRelativePath, importTarget, newUploadId, type UploadItem } from '../../src/renderer/src/api/upload';

const stored = (rel: string) => ({ uploadId: 'u', uploadDir: '/ws/uploads/u', path: `/ws/uploads/u/${rel}`, bytes: 1, separator: '/' });
const item = (relativePath: string, text = 'x'): UploadItem => ({ file: new File([text], relativePath.split('/').pop()!), relativePath });

describe('upload helper', () => {
  it('encodes each path segment and makes hex ids', () => {
    expect(encodeRelativePath('my folder/a#b?.png')).toBe('my%20folder/a%23b%3F.png');
    expect(newUploadId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('picks the import target', () => {
    expect(importTarget([item('a.npy')], stored('a.npy'))).toEqual({ importPath: '/ws/uploads/u/a.npy', suggestedName: 'a.npy' });
    expect(importTarget([item('cats/x/1.png'), item('cats/y/2.png')], stored('cats/x/1.png'))).toEqual({ importPath: '/ws/uploads/u/cats', suggestedName: 'cats' });
    expect(importTarget([item('t10k-images-idx3-ubyte.gz'), item('t10k-labels-idx1-ubyte.gz')], stored('t10k-images-idx3-ubyte.gz'))).toEqual({
      importPath: '/ws/uploads/u',
      suggestedName: 't10k',
    });
  });

  it('PUTs each file with the token and reports progress; a refusal discards the upload', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      if (init.method === 'DELETE') return new Response(JSON.stringify({ ok: true, value: { removed: true } }));
      if (url.endsWith('/bad.bin')) return new Response(JSON.stringify({ ok: false, error: { code: 'invalid-input', message: '"bad.bin" is too big' } }), { status: 413 });
      const rel = decodeURIComponent(url.split('/').slice(6).join('/'));
      return new Response(JSON.stringify({ ok: true, value: stored(rel) }));
    }) as unknown as typeof fetch;
    const uploader = createUploader({ origin: 'http://127.0.0.1:9', token: 'tok', fetch: fakeFetch });
    const progress: Array<[number, number, string | null]> = [];
    const files = [item('set/a.png', 'aaaa'), item('set/b.png', 'bb')];
    const result = await uploader.upload(files, (p) => progress.push([p.filesDone, p.bytesDone, p.current]));
    expect(result.importPath).toBe('/ws/uploads/u/set');
    expect(calls).toHaveLength(2);
    expect(calls[0].url).toMatch(/^http:\/\/127\.0\.0\.1:9\/api\/upload\/[0-9a-f]{32}\/set\/a\.png$/);
    expect(calls[0].init.method).toBe('PUT');
    expect(calls[0].init.body).toBe(files[0].file);
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(progress).toEqual([
      [0, 0, 'set/a.png'],
      [1, 4, 'set/b.png'],
      [2, 6, null],
    ]); // per file: which one is on its way

    calls.length = 0;
    const refused = await uploader.upload([item('ok.bin'), item('bad.bin')]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkbenchError);
    expect((refused as WorkbenchError).message).toBe('"bad.bin" is too big');
    expect(calls.map((c) => c.init.method)).toEqual(['PUT', 'PUT', 'DELETE']);
  });
});
