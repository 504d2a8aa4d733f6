import { describe, expect, it } from 'vitest';
import { pickedImportPath } from '../../src/renderer/src/lib/pickedPath';

describe('pickedImportPath', () => {
  it('returns a picked file as is', () => {
    expect(pickedImportPath('/data/t10k-images-idx3-ubyte.gz', '')).toBe('/data/t10k-images-idx3-ubyte.gz');
  });
  it('returns the picked folder for a file inside it', () => {
    expect(pickedImportPath('/home/me/birds/sparrow/001.png', 'birds/sparrow/001.png')).toBe('/home/me/birds');
    expect(pickedImportPath('C:\\data\\birds\\sparrow\\001.png', 'birds/sparrow/001.png')).toBe('C:\\data\\birds');
  });
  it('falls back to the file path when the relative path does not fit', () => {
    expect(pickedImportPath('/x/y.png', 'other/y.png')).toBe('/x/y.png');
  });
});
