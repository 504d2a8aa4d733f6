// What a WebGPU adapter is, in plain data: vendor, architecture, device, driver, the limits that bound
// tensors, and whether it is a software rasteriser (llvmpipe/lavapipe, SwiftShader, WARP) that must never
// be taken for a GPU automatically. Pure functions over the adapter's `info` and `limits`.

/** The adapter as a run records it and `doctor` / the system page show it. */
export interface WebgpuAdapterInfo {
  /** e.g. "nvidia", "mesa" ("" when the driver does not say). */
  vendor: string;
  /** e.g. "ampere", "software". */
  architecture: string;
  /** e.g. "NVIDIA H200", "llvmpipe-llvm-15-0-6-256-bits-". */
  device: string;
  /** Driver in words, e.g. "llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1". */
  description: string;
  /** WebGPU's own flag for a fallback (CPU) adapter. */
  isFallbackAdapter: boolean;
  /** A CPU rasteriser, by the flag, the architecture or a known software driver's name. */
  software: boolean;
  /** Limits that bound one tensor and one dispatch, in bytes or invocations. */
  limits: {
    /** Largest storage buffer one shader binds: the largest tensor (bytes). */
    maxStorageBufferBindingSize: number;
    /** Largest buffer (bytes). */
    maxBufferSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeInvocationsPerWorkgroup: number;
    maxComputeWorkgroupSizeX: number;
    maxComputeWorkgroupsPerDimension: number;
  };
}

/** The slice of a GPUAdapter we read (WebGPU's types are not in this project's lib). */
export interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  limits: Record<string, number>;
}

/** Software drivers that report themselves as ordinary adapters (Dawn's OpenGL ES path on llvmpipe does). */
const softwareNames = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|\bwarp\b/i;

/** Reads an adapter into plain data. */
export function describeAdapter(adapter: AdapterLike): WebgpuAdapterInfo {
  const info = adapter.info ?? {};
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false);
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const software = isFallbackAdapter || architecture.toLowerCase() === 'software' || softwareNames.test(`${device} ${description}`);
  const limit = (name: string) => Number(adapter.limits[name] ?? 0);
  return {
    vendor, architecture, device, description, isFallbackAdapter, software,
    limits: {
      maxStorageBufferBindingSize: limit('maxStorageBufferBindingSize'),
      maxBufferSize: limit('maxBufferSize'),
      maxComputeWorkgroupStorageSize: limit('maxComputeWorkgroupStorageSize'),
      maxComputeInvocationsPerWorkgroup: limit('maxComputeInvocationsPerWorkgroup'),
      maxComputeWorkgroupSizeX: limit('maxComputeWorkgroupSizeX'),
      maxComputeWorkgroupsPerDimension: limit('maxComputeWorkgroupsPerDimension'),
    },
  };
}

/** Bytes in MiB words, e.g. "128 MiB". */
export function mebibytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/** The adapter's name in a few words: the device, else the description, else the vendor. */
export function adapterName(info: WebgpuAdapterInfo): string {
  const short = info.device.replace(/-+$/, '') || info.description || info.vendor || 'unnamed adapter';
  return info.description && info.description !== short ? `${short} (${info.description})` : short;
}

/** Lines for `doctor` and the system page: what the adapter is and what bounds it. */
export function adapterLines(info: WebgpuAdapterInfo): string[] {
  return [
    `adapter: ${info.vendor || '?'} / ${info.architecture || '?'} / ${info.device || '?'}${info.software ? ' — SOFTWARE (runs on the CPU)' : ''}`,
    `driver:  ${info.description || '(not reported)'}`,
    `limits:  maxStorageBufferBindingSize ${mebibytes(info.limits.maxStorageBufferBindingSize)} (largest tensor), maxBufferSize ${mebibytes(info.limits.maxBufferSize)}`,
  ];
}
