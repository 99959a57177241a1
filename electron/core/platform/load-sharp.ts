import type sharpModule from 'sharp';

/**
 * sharp brings libvips, a large native library: the core thread takes it on first use, so the core
 * answers its first call without it (npm run bench:startup). Node keeps the module once loaded.
 */
export async function loadSharp(): Promise<typeof sharpModule> {
  return (await import('sharp')).default;
}
