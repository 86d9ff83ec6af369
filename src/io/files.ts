/**
 * Reading files the user names, safely: only regular files (a FIFO blocks forever, /dev/zero never
 * ends, a device may have side effects), with a size bound per kind of file, checked with `stat`
 * before opening and again on the open descriptor (the path may change in between), and the read
 * itself bounded. Every function is synchronous (hosts call them at control rate) and throws only
 * UserError, naming the user's path, what is wrong and what to do, never quoting file content.
 *
 * Limits (bytes): see FILE_LIMITS. Audio is streamed, so its bound is the WAV format's own 4 GiB;
 * reading a whole recording into memory (readWav) is bounded separately.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from '../util/errors';

const MiB = 1024 * 1024;

export const FILE_LIMITS = {
  /** A preset JSON (the shipped ones are < 2 KiB). */
  presetBytes: 1 * MiB,
  /** A model bundle's JSON (training log and evaluation included; shipped ones < 200 KiB). */
  modelJsonBytes: 16 * MiB,
  /** A model bundle's ONNX graph (mlp-large is < 64 KiB). */
  modelOnnxBytes: 64 * MiB,
  /** A ground-truth CSV. */
  csvBytes: 64 * MiB,
  /** A recording read in blocks (onsets, features, render): WAV's 32-bit sizes allow 4 GiB. */
  streamedAudioBytes: 4 * 1024 * MiB + 64 * 1024,
  /** A recording decoded whole into memory (readWav, training, plots): 1 GiB ≈ 1 h 40 min of 16-bit stereo 44.1 kHz. */
  wholeAudioBytes: 1024 * MiB,
} as const;

export interface ReadLimit {
  /** What the file is, for messages ("WAV file", "preset file"). */
  what: string;
  maxBytes: number;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** A UserError for a failed fs call on the user's path (never a raw Node error). */
export function fsError(e: unknown, path: string, action: 'read' | 'write' | 'open' | 'create'): UserError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const where = `relative paths start from ${process.cwd()}`;
  switch (code) {
    case 'ENOENT':
      return new UserError(`cannot ${action} "${path}": no such file. Check the path (${where}).`, 'E_NOFILE');
    case 'ENOTDIR':
      return new UserError(`cannot ${action} "${path}": a part of the path is a file, not a folder. Check the path.`, 'E_NOFILE');
    case 'EACCES':
    case 'EPERM':
      return new UserError(`cannot ${action} "${path}": permission denied. Check its permissions and those of its folder (ls -l), or use another path.`, 'E_ACCESS');
    case 'EISDIR':
      return new UserError(`cannot ${action} "${path}": it is a folder. Give a file name.`, 'E_ISDIR');
    case 'ENAMETOOLONG':
      return new UserError(`cannot ${action} "${path}": the name is too long. Use a shorter path.`, 'E_NAME');
    case 'ELOOP':
      return new UserError(`cannot ${action} "${path}": too many symbolic links (a link loop?). Check the path.`, 'E_NAME');
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError(`cannot ${action} "${path}": the disk is full. Free some space or write elsewhere; nothing was changed.`, 'E_NOSPACE');
    case 'EROFS':
      return new UserError(`cannot ${action} "${path}": the file system is read-only. Write somewhere else.`, 'E_ACCESS');
    case 'EMFILE':
    case 'ENFILE':
      return new UserError(`cannot ${action} "${path}": too many open files. Close other programs and retry.`, 'E_IO');
    default:
      return new UserError(`cannot ${action} "${path}" (${code ?? (e instanceof Error ? e.message : String(e))}). Check the path and permissions.`, 'E_IO');
  }
}

function refuseKind(path: string, st: Stats, what: string): never {
  if (st.isDirectory()) throw new UserError(`"${path}" is a folder, not a ${what}. Pass the file itself.`, 'E_NOTFILE');
  throw new UserError(`"${path}" is ${kindOf(st)}, not a regular file. TimbreRemap reads a ${what} only from a regular file (a pipe or device can block or never end): save it to a file first.`, 'E_NOTFILE');
}

function refuseSize(path: string, size: number, limit: ReadLimit): never {
  throw new UserError(`"${path}" is ${sizeText(size)}, more than the ${sizeText(limit.maxBytes)} a ${limit.what} may have. Check that it is the right file${/audio|WAV|recording/i.test(limit.what) ? ', or split the recording' : ''}.`, 'E_TOOBIG');
}

/** `stat` a file the user names: a regular file within the limit, else UserError. Returns its size. */
export function checkRegularFile(path: string, limit: ReadLimit): number {
  if (typeof path !== 'string' || path === '') throw new UserError(`no ${limit.what} path given (got ${JSON.stringify(path) ?? String(path)}). Pass the path of a ${limit.what}.`, 'E_USAGE');
  if (path.includes('\0')) throw new UserError(`the ${limit.what} path contains a NUL character. Pass a plain path.`, 'E_USAGE');
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw fsError(e, path, 'read');
  }
  if (!st.isFile()) refuseKind(path, st, limit.what);
  if (st.size > limit.maxBytes) refuseSize(path, st.size, limit);
  return st.size;
}

/**
 * Open a regular file for reading (non-blocking, so a FIFO swapped in after the check cannot
 * block), re-checked on the descriptor. The caller closes `fd`.
 */
export function openRegularFile(path: string, limit: ReadLimit): { fd: number; size: number } {
  checkRegularFile(path, limit);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fsError(e, path, 'open');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) refuseKind(path, st, limit.what);
    if (st.size > limit.maxBytes) refuseSize(path, st.size, limit);
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Read up to `length` bytes at `position` (fewer at the end of the file). */
export function readAt(fd: number, position: number, length: number, path: string): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  try {
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
  } catch (e) {
    throw fsError(e, path, 'read');
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** A whole regular file, never more than `limit.maxBytes` (even if it grows while read). */
export function readFileBounded(path: string, limit: ReadLimit): Buffer {
  const { fd, size } = openRegularFile(path, limit);
  try {
    // One byte more than allowed tells a file that grew past the limit.
    const buf = readAt(fd, 0, Math.min(limit.maxBytes + 1, Math.max(size, 0) + 1), path);
    if (buf.length > limit.maxBytes) refuseSize(path, buf.length, limit);
    return buf;
  } finally {
    closeSync(fd);
  }
}

export function readTextFileBounded(path: string, limit: ReadLimit): string {
  return readFileBounded(path, limit).toString('utf8');
}

/**
 * Parse a JSON file the user names. The message on bad JSON gives the position only: Node's own
 * message quotes the content, which must never reach a reply (a path to a secret file would leak it).
 */
export function readJsonFile(path: string, limit: ReadLimit, fix: string): unknown {
  const text = readTextFileBounded(path, limit);
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    throw new UserError(`${path} is not valid JSON${at ? ` (at byte ${at[1]})` : text.trim() === '' ? ' (it is empty)' : ''}; a ${limit.what} must be JSON. ${fix}`, 'E_BADJSON');
  }
}
