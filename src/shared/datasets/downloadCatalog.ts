// The datasets the workbench can download from their canonical hosts, with each file's published
// checksums. md5 values are the ones the dataset authors / torchvision publish; sha256 values were taken
// from public registries that verify the same md5 (every digest listed is checked after download).
// Pure data, so the UI can offer the list and the CLI can name the choices.
import type { KnownClassSet } from './knownClasses';

export interface DownloadFile {
  /** File name on the host and on disk. */
  name: string;
  /** Exact size in bytes when known (progress total and a cheap first check). */
  bytes?: number;
  md5?: string;
  sha256?: string;
}

export interface DownloadEntry {
  title: string;
  /** Base URLs tried in order; a file's URL is `<base>/<name>`. */
  mirrors: string[];
  files: DownloadFile[];
  /** Where the importer finds the data once downloaded: the download dir itself, or a folder inside an extracted archive. */
  importFrom: { extract?: 'tar.gz'; folder?: string };
  classPreset: KnownClassSet;
}

export const downloadCatalog = {
  mnist: {
    title: 'MNIST',
    mirrors: ['https://ossci-datasets.s3.amazonaws.com/mnist', 'http://yann.lecun.com/exdb/mnist'],
    files: [
      { name: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
      { name: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
      { name: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
      { name: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
    ],
    importFrom: {},
    classPreset: 'mnist',
  },
  'fashion-mnist': {
    title: 'Fashion-MNIST',
    mirrors: ['https://fashion-mnist.s3-website.eu-central-1.amazonaws.com', 'https://fashion-mnist.s3.eu-central-1.amazonaws.com'],
    files: [
      { name: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d', sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84' },
      { name: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe', sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845' },
      { name: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79', sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073' },
      { name: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310', sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5' },
    ],
    importFrom: {},
    classPreset: 'fashion-mnist',
  },
  kmnist: {
    title: 'Kuzushiji-MNIST',
    mirrors: ['http://codh.rois.ac.jp/kmnist/dataset/kmnist'],
    files: [
      { name: 'train-images-idx3-ubyte.gz', md5: 'bdb82020997e1d708af4cf47b453dcf7', sha256: '51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4' },
      { name: 'train-labels-idx1-ubyte.gz', md5: 'e144d726b3acfaa3e44228e80efcd344', sha256: 'e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17' },
      { name: 't10k-images-idx3-ubyte.gz', md5: '5c965bf0a639b31b8f53240b1b52f4d7', sha256: 'edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5' },
      { name: 't10k-labels-idx1-ubyte.gz', md5: '7320c461ea6c1c855c0b718fb2a4b134', sha256: '20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c' },
    ],
    importFrom: {},
    classPreset: 'kmnist',
  },
  'cifar-10': {
    title: 'CIFAR-10',
    mirrors: ['https://www.cs.toronto.edu/~kriz'],
    files: [
      {
        name: 'cifar-10-binary.tar.gz',
        bytes: 170_052_171,
        md5: 'c32a1d4ab5d03f1284b67883e8d87530',
        sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
      },
    ],
    importFrom: { extract: 'tar.gz', folder: 'cifar-10-batches-bin' },
    classPreset: 'cifar-10',
  },
} as const satisfies Record<string, DownloadEntry>;

export type DownloadName = keyof typeof downloadCatalog;
export const downloadNames = Object.keys(downloadCatalog) as [DownloadName, ...DownloadName[]];
