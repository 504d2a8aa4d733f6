// Builds the errors importers throw: WorkbenchError('invalid-input') whose message names the file and
// the problem, and shows file names that are not valid UTF-8 with their bad bytes escaped (\xE9).
import { WorkbenchError } from '@shared/errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when `bytes` decode as UTF-8 without replacement characters. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A path for messages: as is when it is valid UTF-8, else with each undecodable byte as \xNN. */
export function displayPath(path: string | Uint8Array): string {
  if (typeof path === 'string') return path;
  if (isValidUtf8(path)) return utf8.decode(path);
  let out = '';
  let i = 0;
  while (i < path.length) {
    // Take the longest valid UTF-8 sequence (1–4 bytes) starting here, or escape one byte.
    let taken = false;
    for (let len = 1; len <= 4 && i + len <= path.length; len++) {
      const piece = path.subarray(i, i + len);
      if (isValidUtf8(piece)) {
        out += utf8.decode(piece);
        i += len;
        taken = true;
        break;
      }
    }
    if (!taken) out += `\\x${path[i++].toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `<file>: <problem>` as an invalid-input error; details carry file and problem separately. */
export function fileError(file: string | Uint8Array, problem: string, details: Record<string, unknown> = {}): WorkbenchError {
  const shown = displayPath(file);
  return new WorkbenchError('invalid-input', `${shown}: ${problem}`, { file: shown, problem, ...details });
}

/**
 * Turns an error met while reading `file` into a fileError (typed errors and aborts pass through), so a
 * zlib "unexpected end of file" or an EACCES still says which file it was.
 */
export function asFileError(file: string | Uint8Array, error: unknown, doing = 'cannot be read'): Error {
  if (error instanceof WorkbenchError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const err = error as NodeJS.ErrnoException;
  const message = err instanceof Error ? err.message : String(error);
  if (err?.code === 'ENOENT') return new WorkbenchError('not-found', `${displayPath(file)}: no such file or folder`, { file: displayPath(file) });
  if (err?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
    return fileError(file, 'is truncated: the gzip stream ends early', { cause: message });
  }
  if (typeof err?.code === 'string' && err.code.startsWith('Z_')) {
    return fileError(file, `is not a valid gzip stream (${message})`, { cause: message });
  }
  return fileError(file, `${doing} (${message})`, { cause: message });
}
