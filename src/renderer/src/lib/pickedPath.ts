// Electron's file pickers give File objects; the import needs a path on disk. For a picked folder
// (webkitdirectory) each File's path is a file inside it, so the folder is that path minus the part
// below the picked folder (webkitRelativePath = "<folder>/<sub>/<file>").

/** The path to import: the file itself, or the picked folder when `relativePath` is set. */
export function pickedImportPath(absolutePath: string, relativePath: string): string {
  if (!relativePath) return absolutePath;
  const normalised = absolutePath.replace(/\\/g, '/');
  const relative = relativePath.replace(/\\/g, '/');
  if (!normalised.endsWith('/' + relative)) return absolutePath;
  const base = absolutePath.slice(0, absolutePath.length - relative.length);
  return base + relative.split('/')[0];
}
